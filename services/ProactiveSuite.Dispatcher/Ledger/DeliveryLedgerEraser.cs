using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>Erases a user's delivery records: the Dispatcher's part of deleting a user's data.</summary>
internal sealed class DeliveryLedgerEraser(IDeliveryLedger ledger) : IUserDataEraser
{
    public string Store => "deliveries";

    public Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        ledger.EraseUserAsync(user.ChannelId, user.UserId, cancellationToken);
}
