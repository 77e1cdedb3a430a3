using System.Text.Json;
using LiteDB;
using ProactiveSuite.Dispatcher.Ledger;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ProactiveSuite.Dispatcher.Progress.Stores;

/// <summary>Progress in the embedded LiteDB file: read-modify-write under one lock, which is the single process's atomicity.</summary>
internal sealed class EmbeddedNotificationProgressStore(LiteDatabase database) : INotificationProgressStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILiteCollection<BsonDocument> _progress = database.GetCollection("notificationProgress");
    private readonly Lock _gate = new();

    public Task<NotificationProgress> StartAsync(string notificationId, int? total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(notificationId) is { } existing)
            {
                return Task.FromResult(existing);
            }

            var created = NotificationProgress.New(notificationId, total, now);
            Write(created);
            return Task.FromResult(created);
        }
    }

    public Task RecordFanOutAsync(string notificationId, int fannedOut, string? cursor, CancellationToken cancellationToken) =>
        Update(notificationId, p => p with { FannedOut = fannedOut, FanOutCursor = cursor });

    public Task SetTotalAsync(string notificationId, int total, int cancelledUnsent, CancellationToken cancellationToken) =>
        Update(notificationId, p => p with { Total = total, Cancelled = p.Cancelled + cancelledUnsent, CancelledUnsent = cancelledUnsent });

    public Task<NotificationProgress?> SettleAsync(string notificationId, Settlement settlement, string? failureReasonCode, CancellationToken cancellationToken) =>
        Update(notificationId, p => p.FinishedAt is not null ? p : settlement switch
        {
            Settlement.Delivered => p with { Delivered = p.Delivered + 1 },
            Settlement.Cancelled => p with { Cancelled = p.Cancelled + 1 },
            _ => p with
            {
                Failed = p.Failed + 1,
                FailedByReason = new Dictionary<string, int>(p.FailedByReason) { [failureReasonCode ?? SettledCounts.UnknownReason] = p.FailedByReason.GetValueOrDefault(failureReasonCode ?? SettledCounts.UnknownReason) + 1 },
            },
        });

    public Task RecordThrottledAsync(string notificationId, CancellationToken cancellationToken) =>
        Update(notificationId, p => p with { Throttled = p.Throttled + 1 });

    public Task<NotificationProgress?> TryFinishAsync(string notificationId, SettledCounts final, string finisher, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(notificationId) is not { FinishedAt: null } progress)
            {
                return Task.FromResult<NotificationProgress?>(null);
            }

            var finished = progress with
            {
                Delivered = final.Delivered,
                Failed = final.Failed,
                FailedByReason = final.FailedByReason,
                Cancelled = final.Cancelled,
                FinishedAt = now,
                CompletionOwedBy = finisher,
            };
            Write(finished);
            return Task.FromResult<NotificationProgress?>(finished);
        }
    }

    public Task MarkCompletionPublishedAsync(string notificationId, CancellationToken cancellationToken) =>
        Update(notificationId, p => p with { CompletionOwedBy = null });

    public Task<bool> RequestCancelAsync(string notificationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(notificationId) is not { } progress)
            {
                return Task.FromResult(false);
            }

            Write(progress with { CancelRequested = true });
            return Task.FromResult(true);
        }
    }

    public async Task<bool> RequestRecallAsync(string notificationId, CancellationToken cancellationToken) =>
        await Update(notificationId, p => p with { RecallRequested = true, CancelRequested = true }) is not null;

    public async Task<bool> RequestEditAsync(string notificationId, NotificationEdit edit, CancellationToken cancellationToken) =>
        await Update(notificationId, p => p with { Edit = edit }) is not null;

    public Task<NotificationProgress?> FindAsync(string notificationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(notificationId));

    private Task<NotificationProgress?> Update(string notificationId, Func<NotificationProgress, NotificationProgress> change)
    {
        lock (_gate)
        {
            if (Find(notificationId) is not { } progress)
            {
                return Task.FromResult<NotificationProgress?>(null);
            }

            var changed = change(progress);
            Write(changed);
            return Task.FromResult<NotificationProgress?>(changed);
        }
    }

    private NotificationProgress? Find(string notificationId) =>
        _progress.FindById(notificationId) is { } document ? JsonSerializer.Deserialize<NotificationProgress>(document["progress"].AsString, Json) : null;

    private void Write(NotificationProgress progress) =>
        _progress.Upsert(new BsonDocument { ["_id"] = progress.NotificationId, ["progress"] = JsonSerializer.Serialize(progress, Json) });
}
