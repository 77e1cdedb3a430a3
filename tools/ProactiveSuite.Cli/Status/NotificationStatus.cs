namespace ProactiveSuite.Cli.Status;

/// <summary>GET /notifications/{id}: where a notification stands as a whole.</summary>
/// <param name="Unknown">Cancelled after a send that went unanswered (a crash mid-send): they may have it (0 from an older Dispatcher).</param>
/// <param name="Retrying">Recipients waiting for a retry after a failure, and why; null when none wait (or an older Dispatcher).</param>
/// <param name="CopiesChanging">Delivered copies whose delete (recall) or update (edit) is still to be made.</param>
public sealed record NotificationStatus(
    string NotificationId,
    int? Total,
    int? Pending,
    int Delivered,
    int Failed,
    IReadOnlyDictionary<string, int>? FailedByReason,
    int Cancelled,
    int Throttled,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    bool CancelRequested,
    RetryingStatus? Retrying = null,
    int Unknown = 0,
    int Read = 0,
    int Recalled = 0,
    int Edited = 0,
    int CopiesChanging = 0,
    bool RecallRequested = false,
    DateTimeOffset? EditRequestedAt = null)
{
    public int Settled => Delivered + Failed + Cancelled + Unknown;

    /// <summary>Every recipient is delivered, failed or cancelled: nothing more will change.</summary>
    public bool IsSettled => FinishedAt is not null;

    public static string Path(string notificationId) => $"notifications/{Uri.EscapeDataString(notificationId)}";

    /// <summary>The counts in one line, as the broadcast's last line and the status's summary state them.</summary>
    public string Summary() =>
        $"{Delivered} delivered, {Failed} failed, {Cancelled} cancelled, {(Unknown > 0 ? $"{Unknown} unknown, " : "")}{Throttled} throttled, of {(Total is { } total ? total.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}";
}

/// <summary>The status's <c>retrying</c> block: how many wait for a retry, the next attempt, and the latest failure.</summary>
public sealed record RetryingStatus(int Count, DateTimeOffset NextAttemptAt, RetryFailureStatus? LastFailure);

/// <param name="StatusCode">The connector's HTTP status; null when it did not answer in time.</param>
public sealed record RetryFailureStatus(string? Reason, int? StatusCode, DateTimeOffset At);
