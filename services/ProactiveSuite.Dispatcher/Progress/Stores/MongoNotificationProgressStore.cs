using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Progress.Stores;

/// <summary>
/// Progress in MongoDB: counters are <c>$inc</c>remented in place while it is not finished, and finishing
/// is one conditional update (not finished yet) that sets the final counts, so exactly one Dispatcher
/// finishes it; whether it may is <see cref="FinishRule"/>'s to say, before.
/// </summary>
internal sealed class MongoNotificationProgressStore(IMongoDatabase database) : INotificationProgressStore
{
    private const int DuplicateKey = 11000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IMongoCollection<ProgressDocument> _progress = database.GetCollection<ProgressDocument>("notificationProgress");

    public async Task<NotificationProgress> StartAsync(string notificationId, int? total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var created = await _progress.FindOneAndUpdateAsync(
                Builders<ProgressDocument>.Filter.Eq(d => d.Id, notificationId),
                Builders<ProgressDocument>.Update
                    .SetOnInsert(d => d.Total, total)
                    .SetOnInsert(d => d.StartedAt, now.UtcDateTime)
                    .SetOnInsert(d => d.Delivered, 0)
                    .SetOnInsert(d => d.Failed, 0)
                    .SetOnInsert(d => d.Cancelled, 0)
                    .SetOnInsert(d => d.Throttled, 0)
                    .SetOnInsert(d => d.FailedByReason, new Dictionary<string, int>()),
                new FindOneAndUpdateOptions<ProgressDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
                cancellationToken);
            return created.ToProgress();
        }
        catch (MongoCommandException e) when (e.Code == DuplicateKey)
        {
            // Two starts raced to insert; the other one won, and its document is the answer.
            return (await FindAsync(notificationId, cancellationToken))!;
        }
    }

    public Task RecordFanOutAsync(string notificationId, int fannedOut, string? cursor, CancellationToken cancellationToken) =>
        Update(notificationId, Builders<ProgressDocument>.Update.Set(d => d.FannedOut, fannedOut).Set(d => d.FanOutCursor, cursor), cancellationToken);

    public Task SetTotalAsync(string notificationId, int total, int cancelledUnsent, CancellationToken cancellationToken) =>
        Update(notificationId, Builders<ProgressDocument>.Update.Set(d => d.Total, total).Inc(d => d.Cancelled, cancelledUnsent).Set(d => d.CancelledUnsent, cancelledUnsent), cancellationToken);

    public async Task<NotificationProgress?> SettleAsync(string notificationId, Settlement settlement, string? failureReasonCode, CancellationToken cancellationToken)
    {
        var update = Builders<ProgressDocument>.Update;
        var settled = await _progress.FindOneAndUpdateAsync<ProgressDocument>(
            d => d.Id == notificationId && d.FinishedAt == null,
            settlement switch
            {
                Settlement.Delivered => update.Inc(d => d.Delivered, 1),
                Settlement.Cancelled => update.Inc(d => d.Cancelled, 1),
                _ => update.Inc(d => d.Failed, 1).Inc($"failedByReason.{failureReasonCode ?? SettledCounts.UnknownReason}", 1),
            },
            new FindOneAndUpdateOptions<ProgressDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        // Not matched: unknown, or finished (its counts final); the read happens only then.
        return settled?.ToProgress() ?? await FindAsync(notificationId, cancellationToken);
    }

    public Task RecordThrottledAsync(string notificationId, CancellationToken cancellationToken) =>
        Update(notificationId, Builders<ProgressDocument>.Update.Inc(d => d.Throttled, 1), cancellationToken);

    public async Task<NotificationProgress?> TryFinishAsync(string notificationId, SettledCounts final, string finisher, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var finished = await _progress.FindOneAndUpdateAsync<ProgressDocument>(
            d => d.Id == notificationId && d.FinishedAt == null,
            Builders<ProgressDocument>.Update
                .Set(d => d.Delivered, final.Delivered)
                .Set(d => d.Failed, final.Failed)
                .Set(d => d.FailedByReason, new Dictionary<string, int>(final.FailedByReason))
                .Set(d => d.Cancelled, final.Cancelled)
                .Set(d => d.FinishedAt, now.UtcDateTime)
                .Set(d => d.CompletionOwedBy, finisher),
            new FindOneAndUpdateOptions<ProgressDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        return finished?.ToProgress();
    }

    public Task MarkCompletionPublishedAsync(string notificationId, CancellationToken cancellationToken) =>
        Update(notificationId, Builders<ProgressDocument>.Update.Set(d => d.CompletionOwedBy, null), cancellationToken);

    public async Task<bool> RequestCancelAsync(string notificationId, CancellationToken cancellationToken)
    {
        var result = await _progress.UpdateOneAsync(d => d.Id == notificationId, Builders<ProgressDocument>.Update.Set(d => d.CancelRequested, true), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }

    public async Task<bool> RequestRecallAsync(string notificationId, CancellationToken cancellationToken) =>
        (await Update(notificationId, Builders<ProgressDocument>.Update.Set(d => d.RecallRequested, true).Set(d => d.CancelRequested, true), cancellationToken)).MatchedCount == 1;

    public async Task<bool> RequestEditAsync(string notificationId, NotificationEdit edit, CancellationToken cancellationToken) =>
        (await Update(notificationId, Builders<ProgressDocument>.Update.Set(d => d.Edit, JsonSerializer.Serialize(edit, Json)), cancellationToken)).MatchedCount == 1;

    public async Task<NotificationProgress?> FindAsync(string notificationId, CancellationToken cancellationToken) =>
        (await _progress.Find(d => d.Id == notificationId).FirstOrDefaultAsync(cancellationToken))?.ToProgress();

    private Task<UpdateResult> Update(string notificationId, UpdateDefinition<ProgressDocument> update, CancellationToken cancellationToken) =>
        _progress.UpdateOneAsync(d => d.Id == notificationId, update, cancellationToken: cancellationToken);

    internal sealed class ProgressDocument
    {
        [BsonId]
        public string Id { get; set; } = "";

        public int? Total { get; set; }

        public int Delivered { get; set; }

        public int Failed { get; set; }

        public Dictionary<string, int> FailedByReason { get; set; } = [];

        public int Cancelled { get; set; }

        public int Throttled { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime StartedAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? FinishedAt { get; set; }

        public bool CancelRequested { get; set; }

        public int FannedOut { get; set; }

        public string? FanOutCursor { get; set; }

        public int CancelledUnsent { get; set; }

        public string? CompletionOwedBy { get; set; }

        public bool RecallRequested { get; set; }

        /// <summary>The <see cref="NotificationEdit"/> as JSON: its attachments carry arbitrary JSON content.</summary>
        public string? Edit { get; set; }

        public NotificationProgress ToProgress() => new(
            Id, Total, Delivered, Failed, FailedByReason, Cancelled, Throttled,
            new DateTimeOffset(StartedAt, TimeSpan.Zero),
            FinishedAt is { } finished ? new DateTimeOffset(finished, TimeSpan.Zero) : null,
            CancelRequested, FannedOut, FanOutCursor, CancelledUnsent, CompletionOwedBy,
            RecallRequested, Edit is null ? null : JsonSerializer.Deserialize<NotificationEdit>(Edit, Json));
    }
}
