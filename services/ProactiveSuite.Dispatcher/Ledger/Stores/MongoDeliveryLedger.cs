using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace ProactiveSuite.Dispatcher.Ledger.Stores;

/// <summary>
/// The delivery ledger in MongoDB, one document per delivery keyed by <see cref="DeliveryKey.Value"/>.
/// A claim is one findOneAndUpdate whose filter matches only a claimable record (pending, or sending
/// with an expired claim), upserting on first sight; when the record exists but is not claimable the
/// upsert collides with its _id, and the record is read to say why (settled, or held).
/// </summary>
internal sealed class MongoDeliveryLedger : IDeliveryLedger
{
    private const int DuplicateKey = 11000;
    private readonly IMongoCollection<DeliveryDocument> _deliveries;

    public MongoDeliveryLedger(IMongoDatabase database)
    {
        _deliveries = database.GetCollection<DeliveryDocument>("deliveries");
        // Listing a notification's recipients, and counting them, goes by notification.
        _deliveries.Indexes.CreateOne(new CreateIndexModel<DeliveryDocument>(Builders<DeliveryDocument>.IndexKeys.Ascending(d => d.NotificationId).Ascending(d => d.Id)));
        // A notification's retry waits (status GET) read only the waiting records.
        _deliveries.Indexes.CreateOne(new CreateIndexModel<DeliveryDocument>(Builders<DeliveryDocument>.IndexKeys.Ascending(d => d.NotificationId).Ascending(d => d.RetryAt)));
        // A read receipt names a conversation.
        _deliveries.Indexes.CreateOne(new CreateIndexModel<DeliveryDocument>(Builders<DeliveryDocument>.IndexKeys.Ascending(d => d.ConversationId)));
    }

    public async Task<DeliveryClaim> ClaimAsync(DeliveryKey key, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var claimable = filters.Eq(d => d.Id, key.Value)
            & (filters.Eq(d => d.State, DeliveryState.Pending)
               | (filters.Eq(d => d.State, DeliveryState.Sending) & filters.Lte(d => d.ClaimedUntil, now.UtcDateTime)));
        var update = Builders<DeliveryDocument>.Update
            .Set(d => d.State, DeliveryState.Sending)
            .Set(d => d.ClaimedUntil, (now + lease).UtcDateTime)
            .Set(d => d.RetryAt, null)
            .Set(d => d.UpdatedAt, now.UtcDateTime)
            .Inc(d => d.Attempts, 1)
            .SetOnInsert(d => d.NotificationId, key.NotificationId)
            .SetOnInsert(d => d.ChannelId, key.ChannelId.ToLowerInvariant())
            .SetOnInsert(d => d.UserId, key.UserId)
            .SetOnInsert(d => d.CreatedAt, now.UtcDateTime);
        try
        {
            var claimed = await _deliveries.FindOneAndUpdateAsync(
                claimable,
                update,
                new FindOneAndUpdateOptions<DeliveryDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
                cancellationToken);
            return new DeliveryClaim.Granted(claimed.ToRecord());
        }
        catch (MongoCommandException e) when (e.Code == DuplicateKey)
        {
            var stored = await FindAsync(key, cancellationToken);
            return ClaimRule.Apply(stored, key, now, lease, out _);
        }
    }

    public Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        _deliveries.ReplaceOneAsync(d => d.Id == record.Key.Value, DeliveryDocument.From(record), new ReplaceOptions { IsUpsert = true }, cancellationToken);

    public async Task<DeliveryRecord?> FindAsync(DeliveryKey key, CancellationToken cancellationToken) =>
        (await _deliveries.Find(d => d.Id == key.Value).FirstOrDefaultAsync(cancellationToken))?.ToRecord();

    public async Task<int> EraseUserAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        (int)(await _deliveries.DeleteManyAsync(d => d.ChannelId == channelId && d.UserId == userId, cancellationToken)).DeletedCount;

    public Task MarkReportedAsync(DeliveryKey key, CancellationToken cancellationToken) =>
        _deliveries.UpdateOneAsync(d => d.Id == key.Value, Builders<DeliveryDocument>.Update.Set(d => d.Unreported, false), cancellationToken: cancellationToken);

    public async Task<SettledCounts> CountSettledAsync(string notificationId, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var settled = filters.Eq(d => d.NotificationId, notificationId)
            & filters.In(d => d.State, [DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Cancelled]);
        // A plain $match and $group with $sum: counted in the server, nothing but the groups comes back.
        var groups = await _deliveries.Aggregate()
            .Match(settled)
            .Group(new BsonDocument
            {
                ["_id"] = new BsonDocument { ["state"] = "$state", ["reason"] = "$failureReasonCode" },
                ["count"] = new BsonDocument("$sum", 1),
            })
            .ToListAsync(cancellationToken);
        return SettledCounts.Of(groups.Select(g => (
            Enum.Parse<DeliveryState>(g["_id"]["state"].AsString),
            g["_id"].AsBsonDocument.TryGetValue("reason", out var reason) && reason.IsString ? reason.AsString : null,
            g["count"].ToInt32())));
    }

    public async Task<RetryWaits?> FindRetryWaitsAsync(string notificationId, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var waiting = filters.Eq(d => d.NotificationId, notificationId) & filters.Ne(d => d.RetryAt, null);
        var count = await _deliveries.CountDocumentsAsync(waiting, cancellationToken: cancellationToken);
        if (count == 0)
        {
            return null;
        }

        var next = await _deliveries.Find(waiting).Sort(Builders<DeliveryDocument>.Sort.Ascending(d => d.RetryAt)).Limit(1).FirstOrDefaultAsync(cancellationToken);
        var latest = await _deliveries.Find(waiting).Sort(Builders<DeliveryDocument>.Sort.Descending(d => d.UpdatedAt)).Limit(1).FirstOrDefaultAsync(cancellationToken);
        if (next?.RetryAt is not { } nextAt || latest is null)
        {
            // They were attempted between the count and the reads.
            return null;
        }

        return new RetryWaits((int)count, new DateTimeOffset(nextAt, TimeSpan.Zero), RetryFailure.Of(latest.ToRecord()));
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string notificationId, string? after, int limit, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var filter = filters.Eq(d => d.NotificationId, notificationId);
        if (after is not null)
        {
            filter &= filters.Gt(d => d.Id, after);
        }

        var documents = await _deliveries.Find(filter).Sort(Builders<DeliveryDocument>.Sort.Ascending(d => d.Id)).Limit(limit).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToRecord()).ToList();
    }

    public async Task<bool> TrySaveCopyAsync(DeliveryKey key, DeliveredCopy? expected, DeliveredCopy replacement, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var unchanged = filters.Eq(d => d.Id, key.Value)
            & (expected is null ? filters.Eq(d => d.Copy, null) : filters.Eq(d => d.Copy!.Version, expected.Version));
        var result = await _deliveries.UpdateOneAsync(unchanged, Builders<DeliveryDocument>.Update.Set(d => d.Copy, CopyDocument.From(replacement)), cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListUnreadInConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        // Both branches: a null copy is "no copy" to MongoDB, but not to every server that speaks its protocol (mongomock).
        var unread = filters.Eq(d => d.ConversationId, conversationId) & filters.Eq(d => d.ChannelId, channelId)
            & filters.Eq(d => d.State, DeliveryState.Delivered) & (filters.Eq(d => d.Copy, null) | filters.Eq(d => d.Copy!.ReadAt, null));
        var documents = await _deliveries.Find(unread).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToRecord()).ToList();
    }

    public async Task<CopyCounts> CountCopiesAsync(string notificationId, CancellationToken cancellationToken)
    {
        var filters = Builders<DeliveryDocument>.Filter;
        var ofIt = filters.Eq(d => d.NotificationId, notificationId);
        // "Is a date" rather than "is not null", for the same reason as above.
        return new CopyCounts(
            (int)await _deliveries.CountDocumentsAsync(ofIt & filters.Gt(d => d.Copy!.ReadAt, DateTime.MinValue), cancellationToken: cancellationToken),
            (int)await _deliveries.CountDocumentsAsync(ofIt & filters.Gt(d => d.Copy!.RecalledAt, DateTime.MinValue), cancellationToken: cancellationToken),
            (int)await _deliveries.CountDocumentsAsync(ofIt & filters.Gt(d => d.Copy!.EditedAt, DateTime.MinValue), cancellationToken: cancellationToken));
    }

    internal sealed class CopyDocument
    {
        public int Version { get; set; }

        public string? ServiceUrl { get; set; }

        public string? TenantId { get; set; }

        public string? BotId { get; set; }

        public string? ContentRevision { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? ReadAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? RecalledAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? EditedAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? ChangeClaimedUntil { get; set; }

        public int ChangeAttempts { get; set; }

        public bool RecallFailed { get; set; }

        public string? FailedRevision { get; set; }

        public string? LastChangeError { get; set; }

        public static CopyDocument From(DeliveredCopy copy) => new()
        {
            Version = copy.Version,
            ServiceUrl = copy.ServiceUrl,
            TenantId = copy.TenantId,
            BotId = copy.BotId,
            ContentRevision = copy.ContentRevision,
            ReadAt = copy.ReadAt?.UtcDateTime,
            RecalledAt = copy.RecalledAt?.UtcDateTime,
            EditedAt = copy.EditedAt?.UtcDateTime,
            ChangeClaimedUntil = copy.ChangeClaimedUntil?.UtcDateTime,
            ChangeAttempts = copy.ChangeAttempts,
            RecallFailed = copy.RecallFailed,
            FailedRevision = copy.FailedRevision,
            LastChangeError = copy.LastChangeError,
        };

        public DeliveredCopy ToCopy() => new(
            Version, ServiceUrl, TenantId, BotId, ContentRevision, Utc(ReadAt), Utc(RecalledAt), Utc(EditedAt), Utc(ChangeClaimedUntil),
            ChangeAttempts, RecallFailed, FailedRevision, LastChangeError);

        private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
    }

    internal sealed class DeliveryDocument
    {
        [BsonId]
        public string Id { get; set; } = "";

        public string NotificationId { get; set; } = "";

        public string ChannelId { get; set; } = "";

        public string UserId { get; set; } = "";

        [BsonRepresentation(BsonType.String)]
        public DeliveryState State { get; set; }

        public int Attempts { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? ClaimedUntil { get; set; }

        public int? LastStatusCode { get; set; }

        public string? LastError { get; set; }

        public string? ConversationId { get; set; }

        public string? ActivityId { get; set; }

        public string? FailureReasonCode { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime CreatedAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime UpdatedAt { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? RetryAt { get; set; }

        // Absent in records written before the outbox: those were reported.
        public bool Unreported { get; set; }

        public CopyDocument? Copy { get; set; }

        public static DeliveryDocument From(DeliveryRecord record) => new()
        {
            Id = record.Key.Value,
            NotificationId = record.Key.NotificationId,
            ChannelId = record.Key.ChannelId.ToLowerInvariant(),
            UserId = record.Key.UserId,
            State = record.State,
            Attempts = record.Attempts,
            ClaimedUntil = record.ClaimedUntil?.UtcDateTime,
            LastStatusCode = record.LastStatusCode,
            LastError = record.LastError,
            ConversationId = record.ConversationId,
            ActivityId = record.ActivityId,
            FailureReasonCode = record.FailureReasonCode,
            CreatedAt = record.CreatedAt.UtcDateTime,
            UpdatedAt = record.UpdatedAt.UtcDateTime,
            RetryAt = record.RetryAt?.UtcDateTime,
            Unreported = record.Unreported,
            Copy = record.Copy is null ? null : CopyDocument.From(record.Copy),
        };

        public DeliveryRecord ToRecord() => new(
            new DeliveryKey(NotificationId, ChannelId, UserId),
            State,
            Attempts,
            ClaimedUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : null,
            LastStatusCode,
            LastError,
            ConversationId,
            ActivityId,
            FailureReasonCode,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            new DateTimeOffset(UpdatedAt, TimeSpan.Zero),
            RetryAt is { } retryAt ? new DateTimeOffset(retryAt, TimeSpan.Zero) : null,
            Unreported,
            Copy?.ToCopy());
    }
}
