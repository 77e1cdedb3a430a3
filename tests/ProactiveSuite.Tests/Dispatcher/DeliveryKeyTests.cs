using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>The ledger's key. The claim rule itself runs in the store (DeliveryLedgerContract, on every engine).</summary>
public class DeliveryKeyTests
{
    [Fact]
    public void Keys_cannot_collide_whatever_the_publisher_puts_in_the_notification_id() =>
        Assert.NotEqual(new DeliveryKey("a|b", "c", "d").Value, new DeliveryKey("a", "b", "c|d").Value);
}
