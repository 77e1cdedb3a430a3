using ProactiveSuite.Dispatcher.Ledger.Stores;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

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
/// The claim rule, applied atomically by the ledger's store in one conditional write: a settled delivery is
/// never claimed again; a live claim is respected; an expired claim (its holder died mid-send) is taken
/// over, which is the one place a message can be posted twice: at most once per crash. A claim taken over
/// marks the record <see cref="DeliveryRecord.SendUnanswered"/>, for good: its holder may have sent it.
/// </summary>
public static class ClaimRule
{
    /// <summary>Stored records claimed as waiting: their last attempt ended, or none began.</summary>
    public static readonly Filter Waiting = Filter.Eq(DeliveryFields.State, DeliveryState.Pending);

    /// <summary>Stored records taken over at <paramref name="now"/>: sending ones whose claim ran out (their holder died mid-send).</summary>
    public static Filter Abandoned(DateTimeOffset now) =>
        Filter.Eq(DeliveryFields.State, DeliveryState.Sending) & Filter.Lte(DeliveryFields.ClaimedUntil, now);

    /// <summary>What a claim changes: the next attempt, held until <paramref name="now"/> + <paramref name="lease"/>.</summary>
    public static Update Claim(DateTimeOffset now, TimeSpan lease) =>
        Update.Set(DeliveryFields.State, DeliveryState.Sending)
        & Update.Inc(DeliveryFields.Attempts, 1)
        & Update.Set(DeliveryFields.ClaimedUntil, now + lease)
        & Update.Set(DeliveryFields.RetryAt, null)
        & Update.Set(DeliveryFields.UpdatedAt, now);

    /// <summary>What taking an <see cref="Abandoned"/> record over changes: a claim, and the mark that a send of it went unanswered.</summary>
    public static Update TakeOver(DateTimeOffset now, TimeSpan lease) =>
        Claim(now, lease) & Update.Set(DeliveryFields.SendUnanswered, true);

    /// <summary>Why a stored record was not claimable.</summary>
    public static DeliveryClaim Refusal(DeliveryRecord stored) =>
        stored.IsSettled ? new DeliveryClaim.AlreadySettled(stored) : new DeliveryClaim.HeldElsewhere(stored.ClaimedUntil ?? stored.UpdatedAt);
}
