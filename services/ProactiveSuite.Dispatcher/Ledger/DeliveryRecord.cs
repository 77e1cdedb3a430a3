namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>Where one delivery stands. Pending and Sending move on; Delivered and Failed are final.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its next attempt (after a throttle or a passing failure).</summary>
    Pending,

    /// <summary>Claimed by a Dispatcher that is posting it now, until its claim runs out.</summary>
    Sending,

    Delivered,

    Failed,

    /// <summary>Its notification was cancelled before it was posted.</summary>
    Cancelled,
}

/// <summary>The ledger's entry for one delivery: its state and what the attempts so far came to.</summary>
public sealed record DeliveryRecord(
    DeliveryKey Key,
    DeliveryState State,
    int Attempts,
    DateTimeOffset? ClaimedUntil,
    int? LastStatusCode,
    string? LastError,
    string? ConversationId,
    string? ActivityId,
    string? FailureReasonCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsSettled => State is DeliveryState.Delivered or DeliveryState.Failed or DeliveryState.Cancelled;

    public static DeliveryRecord New(DeliveryKey key, DateTimeOffset now) =>
        new(key, DeliveryState.Pending, 0, null, null, null, null, null, null, now, now);
}
