using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Tests.Dispatcher;

public class ClaimRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryKey Key = new("n-1", "emulator", "user-ada");
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_first_sight_is_granted_as_attempt_one()
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(ClaimRule.Apply(null, Key, T0, Lease, out var claimed));
        Assert.Equal((DeliveryState.Sending, 1, T0 + Lease), (granted.Record.State, granted.Record.Attempts, granted.Record.ClaimedUntil));
        Assert.Equal(granted.Record, claimed);
    }

    [Fact]
    public void A_live_claim_is_respected()
    {
        ClaimRule.Apply(null, Key, T0, Lease, out var first);
        Assert.Equal(T0 + Lease, Assert.IsType<DeliveryClaim.HeldElsewhere>(ClaimRule.Apply(first, Key, T0.AddSeconds(5), Lease, out var second)).Until);
        Assert.Null(second);
    }

    [Fact]
    public void An_expired_claim_is_taken_over_as_the_next_attempt()
    {
        ClaimRule.Apply(null, Key, T0, Lease, out var first);
        var taken = Assert.IsType<DeliveryClaim.Granted>(ClaimRule.Apply(first, Key, T0 + Lease, Lease, out _));
        Assert.Equal(2, taken.Record.Attempts);
    }

    [Fact]
    public void A_cancel_settles_a_delivery_never_sent_as_cancelled()
    {
        ClaimRule.Apply(null, Key, T0, Lease, out var claimed);
        var paced = claimed! with { State = DeliveryState.Pending, ClaimedUntil = null };
        ClaimRule.Apply(paced, Key, T0.AddSeconds(1), Lease, out var again);

        Assert.Equal(DeliveryState.Cancelled, claimed.WhenCancelled);
        Assert.Equal(DeliveryState.Cancelled, again!.WhenCancelled);
    }

    [Fact]
    public void A_claim_taken_over_from_a_holder_that_died_mid_send_is_never_settled_cancelled_its_outcome_is_unknown()
    {
        ClaimRule.Apply(null, Key, T0, Lease, out var sending);
        ClaimRule.Apply(sending, Key, T0 + Lease, Lease, out var takenOver);
        // Taken over, then put off (a 429, a pacing wait): the send that went unanswered is not forgotten.
        var waiting = takenOver! with { State = DeliveryState.Pending, ClaimedUntil = null };
        ClaimRule.Apply(waiting, Key, T0.AddMinutes(5), Lease, out var later);

        Assert.Equal((true, DeliveryState.Unknown), (takenOver.SendUnanswered, takenOver.WhenCancelled));
        Assert.Equal((true, DeliveryState.Unknown), (later!.SendUnanswered, later.WhenCancelled));
        Assert.True(later.Settle(later.WhenCancelled, T0.AddMinutes(5)).IsSettled);
    }

    [Theory]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Failed)]
    [InlineData(DeliveryState.Cancelled)]
    [InlineData(DeliveryState.Unknown)]
    public void A_settled_delivery_is_never_claimed_again(DeliveryState state)
    {
        var settled = DeliveryRecord.New(Key, T0) with { State = state, Attempts = 1 };
        Assert.IsType<DeliveryClaim.AlreadySettled>(ClaimRule.Apply(settled, Key, T0.AddDays(1), Lease, out var claimed));
        Assert.Null(claimed);
    }

    [Fact]
    public void Keys_cannot_collide_whatever_the_publisher_puts_in_the_notification_id() =>
        Assert.NotEqual(new DeliveryKey("a|b", "c", "d").Value, new DeliveryKey("a", "b", "c|d").Value);
}
