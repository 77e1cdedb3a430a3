namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>Where one delivery stands. Pending and Sending move on; the others are final.</summary>
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

    /// <summary>
    /// Its notification was cancelled after a send of it went unanswered (<see cref="DeliveryRecord.SendUnanswered"/>):
    /// the user may or may not have it, and the connector cannot be asked.
    /// </summary>
    Unknown,
}

/// <summary>The ledger's entry for one delivery: its state and what the attempts so far came to.</summary>
/// <param name="RetryAt">When its next attempt is due while it waits for a retry after a failure; null otherwise.</param>
/// <param name="SendUnanswered">
/// True once a claim of it ran out while it was Sending: its Dispatcher died mid-send, so whether the channel
/// took that send is unknown (see <see cref="ClaimRule"/>).
/// </param>
/// <param name="Unreported">
/// True from its settling until its outcome is published and counted: a settled record is its own outbox
/// entry, written in the same write as the state, so a crash between the two cannot lose the report.
/// </param>
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
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RetryAt = null,
    bool Unreported = false,
    bool SendUnanswered = false,
    DeliveredCopy? Copy = null)
{
    /// <summary>The final states, as the ledgers query them.</summary>
    public static readonly IReadOnlyList<DeliveryState> SettledStates = [DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Cancelled, DeliveryState.Unknown];

    public bool IsSettled => SettledStates.Contains(State);

    /// <summary>
    /// What a cancel settles it as: Cancelled only when no send of it can have reached the user; after a send
    /// that went unanswered, Unknown (never Cancelled: the user may have it).
    /// </summary>
    public DeliveryState WhenCancelled => SendUnanswered ? DeliveryState.Unknown : DeliveryState.Cancelled;

    /// <summary>
    /// The "reported" rule: an outcome is reported (published and counted) once it is settled and until the
    /// record is marked reported; a settled record already reported is only published again, never counted.
    /// </summary>
    public bool OwesReport => IsSettled && Unreported;

    /// <summary>Settles it, owing its report, in the same write (see <see cref="Unreported"/>).</summary>
    public DeliveryRecord Settle(DeliveryState state, DateTimeOffset now) =>
        this with { State = state, ClaimedUntil = null, RetryAt = null, Unreported = true, UpdatedAt = now };

    public static DeliveryRecord New(DeliveryKey key, DateTimeOffset now) =>
        new(key, DeliveryState.Pending, 0, null, null, null, null, null, null, now, now);
}
