using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Progress.Stores;

/// <summary>
/// Progress, one document per notification: counters are incremented in place while it is not finished, and
/// finishing is one conditional update (not finished yet) that sets the final counts, so exactly one
/// Dispatcher finishes it; whether it may is <see cref="FinishRule"/>'s to say, before.
/// </summary>
internal sealed class NotificationProgressStore(IDocumentStore store) : INotificationProgressStore
{
    private const string Total = "total";
    private const string Delivered = "delivered";
    private const string Failed = "failed";
    private const string FailedByReason = "failedByReason";
    private const string Cancelled = "cancelled";
    private const string Unknown = "unknown";
    private const string FinishedAt = "finishedAt";
    private const string CompletionOwedBy = "completionOwedBy";

    private static readonly Filter NotFinished = Filter.IsNull(FinishedAt);

    private readonly IDocuments<NotificationProgress> _progress = store.Collection<NotificationProgress>(new CollectionSpec("notificationProgress"));

    public async Task<NotificationProgress> StartAsync(string notificationId, int? total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = NotificationProgress.New(notificationId, total, now);
        // Two starts may race: the first insert wins, and the other reads what it stored.
        return await _progress.InsertAsync(notificationId, created, cancellationToken)
            ? created
            : (await _progress.FindAsync(notificationId, cancellationToken))!;
    }

    public Task RecordFanOutAsync(string notificationId, int fannedOut, string? cursor, CancellationToken cancellationToken) =>
        _progress.UpdateAsync(notificationId, null, Update.Set("fannedOut", fannedOut) & Update.Set("fanOutCursor", cursor), cancellationToken);

    public Task SetTotalAsync(string notificationId, int total, int cancelledUnsent, CancellationToken cancellationToken) =>
        _progress.UpdateAsync(notificationId, null, Update.Set(Total, total) & Update.Inc(Cancelled, cancelledUnsent) & Update.Set("cancelledUnsent", cancelledUnsent), cancellationToken);

    public async Task<NotificationProgress?> SettleAsync(string notificationId, Settlement settlement, string? failureReasonCode, CancellationToken cancellationToken)
    {
        var count = settlement switch
        {
            Settlement.Delivered => Update.Inc(Delivered, 1),
            Settlement.Cancelled => Update.Inc(Cancelled, 1),
            Settlement.Unknown => Update.Inc(Unknown, 1),
            _ => Update.Inc(Failed, 1) & Update.Inc($"{FailedByReason}.{failureReasonCode ?? SettledCounts.UnknownReason}", 1),
        };
        // Not matched: unknown, or finished (its counts final); the read happens only then.
        return await _progress.UpdateAsync(notificationId, NotFinished, count, cancellationToken)
            ?? await _progress.FindAsync(notificationId, cancellationToken);
    }

    public Task RecordThrottledAsync(string notificationId, CancellationToken cancellationToken) =>
        _progress.UpdateAsync(notificationId, null, Update.Inc("throttled", 1), cancellationToken);

    public Task<NotificationProgress?> TryFinishAsync(string notificationId, SettledCounts final, string finisher, DateTimeOffset now, CancellationToken cancellationToken) =>
        _progress.UpdateAsync(
            notificationId,
            NotFinished,
            Update.Set(Delivered, final.Delivered)
            & Update.Set(Failed, final.Failed)
            & Update.Set(FailedByReason, final.FailedByReason)
            & Update.Set(Cancelled, final.Cancelled)
            & Update.Set(Unknown, final.Unknown)
            & Update.Set(FinishedAt, now)
            & Update.Set(CompletionOwedBy, finisher),
            cancellationToken);

    public Task MarkCompletionPublishedAsync(string notificationId, CancellationToken cancellationToken) =>
        _progress.UpdateAsync(notificationId, null, Update.Set(CompletionOwedBy, null), cancellationToken);

    public async Task<bool> RequestCancelAsync(string notificationId, CancellationToken cancellationToken) =>
        await _progress.UpdateAsync(notificationId, null, Update.Set("cancelRequested", true), cancellationToken) is not null;

    public async Task<bool> RequestRecallAsync(string notificationId, CancellationToken cancellationToken) =>
        await _progress.UpdateAsync(notificationId, null, Update.Set("recallRequested", true) & Update.Set("cancelRequested", true), cancellationToken) is not null;

    public async Task<bool> RequestEditAsync(string notificationId, NotificationEdit edit, CancellationToken cancellationToken) =>
        await _progress.UpdateAsync(notificationId, null, Update.Set("edit", EditAsText.Of(edit)), cancellationToken) is not null;

    public Task<NotificationProgress?> FindAsync(string notificationId, CancellationToken cancellationToken) =>
        _progress.FindAsync(notificationId, cancellationToken);
}
