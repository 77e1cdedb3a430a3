using System.Text.Json;
using System.Text.Json.Serialization;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ProactiveSuite.Dispatcher.Ledger.Stores;

/// <summary>The delivery ledger in the embedded LiteDB file of the single-process default.</summary>
internal sealed class EmbeddedDeliveryLedger : IDeliveryLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ILiteCollection<BsonDocument> _deliveries;

    // LiteDB has no conditional write: the claim's read and write must not interleave.
    private readonly Lock _gate = new();

    public EmbeddedDeliveryLedger(LiteDatabase database)
    {
        _deliveries = database.GetCollection("deliveries");
        _deliveries.EnsureIndex("notificationId");
        _deliveries.EnsureIndex("userId");
        _deliveries.EnsureIndex("retryWaitOf");
        _deliveries.EnsureIndex("conversationId");
    }

    public Task<DeliveryClaim> ClaimAsync(DeliveryKey key, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claim = ClaimRule.Apply(Find(key), key, now, lease, out var claimed);
            if (claimed is not null)
            {
                Write(claimed);
            }

            return Task.FromResult(claim);
        }
    }

    public Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Write(record);
        }

        return Task.CompletedTask;
    }

    public Task<DeliveryRecord?> FindAsync(DeliveryKey key, CancellationToken cancellationToken) => Task.FromResult(Find(key));

    public Task<int> EraseUserAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliveries.DeleteMany(Query.And(Query.EQ("channelId", channelId), Query.EQ("userId", userId))));
        }
    }

    public Task MarkReportedAsync(DeliveryKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(key) is { Unreported: true } record)
            {
                Write(record with { Unreported = false });
            }
        }

        return Task.CompletedTask;
    }

    public Task<SettledCounts> CountSettledAsync(string notificationId, CancellationToken cancellationToken)
    {
        var groups = _deliveries.Find(Query.EQ("notificationId", notificationId))
            .Select(Read)
            .GroupBy(r => (r.State, r.FailureReasonCode))
            .Select(g => (g.Key.State, g.Key.FailureReasonCode, g.Count()));
        return Task.FromResult(SettledCounts.Of(groups));
    }

    public Task<RetryWaits?> FindRetryWaitsAsync(string notificationId, CancellationToken cancellationToken)
    {
        // Only waiting records carry retryWaitOf: the query reads them, not the whole notification.
        var waiting = _deliveries.Find(Query.EQ("retryWaitOf", notificationId)).Select(Read).Where(r => r.RetryAt is not null).ToList();
        return Task.FromResult(waiting.Count == 0
            ? null
            : new RetryWaits(waiting.Count, waiting.Min(r => r.RetryAt!.Value), RetryFailure.Of(waiting.MaxBy(r => r.UpdatedAt)!)));
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string notificationId, string? after, int limit, CancellationToken cancellationToken)
    {
        var query = _deliveries.Query().Where(Query.EQ("notificationId", notificationId));
        if (after is not null)
        {
            query = query.Where(Query.GT("_id", after));
        }

        var records = query.OrderBy("_id").Limit(limit).ToList()
            .Select(Read)
            .ToList();
        return Task.FromResult<IReadOnlyList<DeliveryRecord>>(records);
    }

    public Task<bool> TrySaveCopyAsync(DeliveryKey key, DeliveredCopy? expected, DeliveredCopy replacement, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(key) is not { } stored || stored.Copy?.Version != expected?.Version)
            {
                return Task.FromResult(false);
            }

            Write(stored with { Copy = replacement });
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListUnreadInConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var records = _deliveries.Find(Query.And(Query.EQ("conversationId", conversationId), Query.EQ("channelId", channelId)))
            .Select(Read)
            .Where(r => r.State == DeliveryState.Delivered && r.Copy?.ReadAt is null)
            .ToList();
        return Task.FromResult<IReadOnlyList<DeliveryRecord>>(records);
    }

    public Task<CopyCounts> CountCopiesAsync(string notificationId, CancellationToken cancellationToken) =>
        Task.FromResult(CopyCounts.Of(_deliveries.Find(Query.EQ("notificationId", notificationId)).Select(d => Read(d).Copy)));

    private DeliveryRecord? Find(DeliveryKey key) =>
        _deliveries.FindById(key.Value) is { } document ? Read(document) : null;

    private static DeliveryRecord Read(BsonDocument document) => JsonSerializer.Deserialize<DeliveryRecord>(document["record"].AsString, Json)!;

    private void Write(DeliveryRecord record) => _deliveries.Upsert(new BsonDocument
    {
        ["_id"] = record.Key.Value,
        ["notificationId"] = record.Key.NotificationId,
        ["channelId"] = record.Key.ChannelId.ToLowerInvariant(),
        ["userId"] = record.Key.UserId,
        ["conversationId"] = record.ConversationId is null ? BsonValue.Null : new BsonValue(record.ConversationId),
        ["retryWaitOf"] = record.RetryAt is null ? BsonValue.Null : new BsonValue(record.Key.NotificationId),
        ["record"] = JsonSerializer.Serialize(record, Json),
    });
}
