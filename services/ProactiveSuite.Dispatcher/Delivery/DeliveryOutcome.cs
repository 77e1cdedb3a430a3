using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>How one delivery ended, or that it was put off.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>
    /// True when the delivery was settled and reported before and this is a repeat of its outcome (a
    /// command seen again): it is published again but counted once. An outcome settled but not reported
    /// yet (see <see cref="Ledger.DeliveryRecord.Unreported"/>) is no replay: it is reported now.
    /// </summary>
    public bool Replayed { get; init; }

    /// <param name="CreatedReference">When a conversation was created: its reference, to be stored by the Registry.</param>
    /// <param name="DeliveredAt">When the connector accepted it (for a replay: the first time).</param>
    public sealed record Delivered(string ConversationId, string? ActivityId, ReferenceCaptured? CreatedReference, DateTimeOffset DeliveredAt) : DeliveryOutcome;

    /// <param name="ReasonCode">One of <c>NotificationFailureReasons</c>.</param>
    /// <param name="Revocation">When the channel said the user is gone: the revocation to publish.</param>
    public sealed record Failed(string ReasonCode, string Reason, ReferenceRevoked? Revocation = null) : DeliveryOutcome;

    /// <summary>Its notification was cancelled before it was posted.</summary>
    public sealed record Cancelled : DeliveryOutcome;

    /// <summary>Its notification was cancelled after a send of it went unanswered (a crash mid-send): the user may have it.</summary>
    public sealed record Unknown : DeliveryOutcome;

    /// <summary>Put off until <see cref="Until"/> (throttled, a passing failure, not before, another Dispatcher holds it); the schedule brings it back.</summary>
    public sealed record Deferred(DateTimeOffset Until, string Reason) : DeliveryOutcome;
}
