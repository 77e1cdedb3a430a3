namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>What asking the ledger for the right to post a delivery came to.</summary>
public abstract record DeliveryClaim
{
    private DeliveryClaim()
    {
    }

    /// <summary>This Dispatcher may post it now; it is attempt number <see cref="Record"/>.Attempts.</summary>
    public sealed record Granted(DeliveryRecord Record) : DeliveryClaim;

    /// <summary>It was already delivered or failed: nothing is posted again.</summary>
    public sealed record AlreadySettled(DeliveryRecord Record) : DeliveryClaim;

    /// <summary>Another Dispatcher (or this one) holds a live claim until <see cref="Until"/>.</summary>
    public sealed record HeldElsewhere(DateTimeOffset Until) : DeliveryClaim;
}

/// <summary>
/// The rule every ledger adapter applies atomically when a delivery is claimed: a settled delivery is
/// never claimed again; a live claim is respected; an expired claim (its holder died mid-send) is taken
/// over, which is the one place a message can be posted twice: at most once per crash. A claim taken over
/// marks the record <see cref="DeliveryRecord.SendUnanswered"/>, for good: its holder may have sent it.
/// </summary>
public static class ClaimRule
{
    public static DeliveryClaim Apply(DeliveryRecord? stored, DeliveryKey key, DateTimeOffset now, TimeSpan lease, out DeliveryRecord? claimed)
    {
        claimed = null;
        var record = stored ?? DeliveryRecord.New(key, now);
        if (record.IsSettled)
        {
            return new DeliveryClaim.AlreadySettled(record);
        }

        if (record is { State: DeliveryState.Sending, ClaimedUntil: { } until } && until > now)
        {
            return new DeliveryClaim.HeldElsewhere(until);
        }

        var takenOver = record.State == DeliveryState.Sending;
        claimed = record with
        {
            State = DeliveryState.Sending, Attempts = record.Attempts + 1, ClaimedUntil = now + lease, RetryAt = null, UpdatedAt = now,
            SendUnanswered = record.SendUnanswered || takenOver,
        };
        return new DeliveryClaim.Granted(claimed);
    }
}
