using System.Text.Json.Serialization;

namespace ProactiveSuite.Dispatcher.Progress;

/// <summary>
/// Where a notification stands as a whole: how many recipients it has (null until a broadcast to a
/// channel has been fanned out in full), how many are settled each way, and the fan-out's resume point.
/// </summary>
/// <param name="CancelledUnsent">Recipients a cancelled fan-out never sent (they have no ledger record); part of <see cref="Cancelled"/>.</param>
/// <param name="Unknown">Recipients settled <c>Unknown</c>: cancelled after a send that went unanswered (a crash mid-send).</param>
/// <param name="CompletionOwedBy">
/// Who finished it and has not published its <c>NotificationCompleted</c> yet (null once published): the
/// finish is its own outbox entry, so that the finisher's redelivery after a crash publishes it, and only it.
/// </param>
/// <param name="RecallRequested">It was recalled: the rest is cancelled and every delivered copy is to be deleted.</param>
/// <param name="Edit">The content it was last edited to; null when never edited.</param>
public sealed record NotificationProgress(
    string NotificationId,
    int? Total,
    int Delivered,
    int Failed,
    IReadOnlyDictionary<string, int> FailedByReason,
    int Cancelled,
    int Throttled,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    bool CancelRequested,
    int FannedOut,
    string? FanOutCursor,
    int CancelledUnsent = 0,
    string? CompletionOwedBy = null,
    int Unknown = 0,
    bool RecallRequested = false,
    [property: JsonConverter(typeof(Stores.EditAsText))] NotificationEdit? Edit = null)
{
    public int Settled => Delivered + Failed + Cancelled + Unknown;

    /// <summary>Recipients not settled yet; null while the total is not known.</summary>
    public int? Pending => Total is { } total ? Math.Max(0, total - Settled) : null;

    public bool IsComplete => Total is { } total && Settled >= total;

    public static NotificationProgress New(string notificationId, int? total, DateTimeOffset now) =>
        new(notificationId, total, 0, 0, new Dictionary<string, int>(), 0, 0, now, null, false, 0, null);
}

/// <summary>How one recipient was settled.</summary>
public enum Settlement
{
    Delivered,
    Failed,
    Cancelled,

    /// <summary>Cancelled after a send that went unanswered: the user may or may not have it.</summary>
    Unknown,
}
