namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>
/// The recipients of a notification waiting for a retry after a failure (a timeout, 5xx, 429): how many,
/// when the next one is due, and the latest failure, so an operator sees why nothing moves.
/// </summary>
public sealed record RetryWaits(int Count, DateTimeOffset NextAttemptAt, RetryFailure LastFailure);

/// <param name="Reason">The failure as the connector call ended (its status and error, or "did not answer in time").</param>
/// <param name="StatusCode">The connector's HTTP status; null when it did not answer.</param>
/// <param name="At">When it failed.</param>
public sealed record RetryFailure(string Reason, int? StatusCode, DateTimeOffset At)
{
    /// <summary>The failure a waiting record remembers.</summary>
    public static RetryFailure Of(DeliveryRecord waiting) => new(waiting.LastError ?? "", waiting.LastStatusCode, waiting.UpdatedAt);
}
