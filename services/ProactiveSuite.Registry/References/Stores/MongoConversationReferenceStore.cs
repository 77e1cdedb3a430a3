using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.References.Stores;

/// <summary>
/// References in MongoDB, one document per user with a unique index on (channelId, userId).
/// Newest-wins is one conditional upsert: the filter matches only an older document, so when a
/// newer or equal one is stored the upsert tries to insert a second document for the same key and
/// the unique index refuses it; that refusal is the "stale" answer, with no read before the write.
/// </summary>
internal sealed class MongoConversationReferenceStore : IConversationReferenceStore
{
    private const int DuplicateKey = 11000;
    private readonly IMongoCollection<ReferenceDocument> _references;
    private readonly Lazy<Task> _indexes;

    public MongoConversationReferenceStore(IMongoDatabase database)
    {
        _references = database.GetCollection<ReferenceDocument>("conversationReferences");
        _indexes = new Lazy<Task>(() => _references.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<ReferenceDocument>(
                Builders<ReferenceDocument>.IndexKeys.Ascending(d => d.ChannelId).Ascending(d => d.UserId),
                new CreateIndexOptions { Unique = true, Name = "referenceKey" }),
            new CreateIndexModel<ReferenceDocument>(
                Builders<ReferenceDocument>.IndexKeys.Ascending(d => d.ChannelId).Ascending(d => d.Address.Conversation.TenantId).Ascending(d => d.UserId),
                new CreateIndexOptions { Name = "tenantAudience" }),
        ]));
    }

    public async Task<UpsertOutcome> UpsertNewestAsync(StoredReference reference, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var key = reference.Key;
        var lastActivityAt = reference.LastActivityAt.UtcDateTime;
        var filters = Builders<ReferenceDocument>.Filter;
        var filter = KeyFilter(key)
            & filters.Lt(d => d.LastActivityAt, lastActivityAt)
            & (filters.Eq(d => d.RevokedAt, null) | filters.Lt(d => d.RevokedAt, lastActivityAt));
        var document = new ReferenceDocument
        {
            ChannelId = key.ChannelId,
            UserId = key.UserId,
            Address = reference.Address,
            LastActivityAt = lastActivityAt,
            LastActivityId = reference.LastActivityId,
            LastActivityType = reference.LastActivityType,
        };
        try
        {
            await _references.ReplaceOneAsync(filter, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
            return UpsertOutcome.Stored;
        }
        catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
        {
            return UpsertOutcome.Stale;
        }
    }

    public async Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var filters = Builders<ReferenceDocument>.Filter;
        var revokedAt = revocation.RevokedAt.UtcDateTime;
        var filter = KeyFilter(ReferenceKey.For(revocation.ChannelId, revocation.UserId))
            & filters.Eq(d => d.Address.Conversation.Id, revocation.ConversationId)
            & filters.Lte(d => d.LastActivityAt, revokedAt)
            & filters.Eq(d => d.RevokedAt, null);
        var update = Builders<ReferenceDocument>.Update
            .Set(d => d.RevokedAt, revokedAt)
            .Set(d => d.RevokedReasonCode, revocation.ReasonCode);
        var result = await _references.UpdateOneAsync(filter, update, cancellationToken: cancellationToken);
        return result.ModifiedCount == 1 ? UpsertOutcome.Stored : UpsertOutcome.Stale;
    }

    public async Task<StoredReference?> FindAsync(ReferenceKey key, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var document = await _references.Find(KeyFilter(key)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToReference();
    }

    public async Task<IReadOnlyList<StoredReference>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        if (keys.Count == 0)
        {
            return [];
        }

        var filter = Builders<ReferenceDocument>.Filter.Or(keys.Select(KeyFilter));
        var documents = await _references.Find(filter).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToReference()).ToList();
    }

    public async Task<ReferencePage> ListAsync(ReferencePageRequest request, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var filters = Builders<ReferenceDocument>.Filter;
        var filter = filters.Empty;
        if (request.ChannelId is { } channel)
        {
            filter &= filters.Eq(d => d.ChannelId, channel.Trim().ToLowerInvariant());
        }

        if (request.TenantId is { } tenant)
        {
            filter &= filters.Eq(d => d.Address.Conversation.TenantId, tenant);
        }

        if (request.ActiveOnly)
        {
            filter &= filters.Eq(d => d.RevokedAt, null);
        }

        if (request.After is { } after)
        {
            filter &= filters.Gt(d => d.ChannelId, after.ChannelId)
                | (filters.Eq(d => d.ChannelId, after.ChannelId) & filters.Gt(d => d.UserId, after.UserId));
        }

        var documents = await _references.Find(filter)
            .Sort(Builders<ReferenceDocument>.Sort.Ascending(d => d.ChannelId).Ascending(d => d.UserId))
            .Limit(request.Limit + 1)
            .ToListAsync(cancellationToken);
        var items = documents.Take(request.Limit).Select(d => d.ToReference()).ToList();
        var next = documents.Count > request.Limit ? items[^1].Key : (ReferenceKey?)null;
        return new ReferencePage(items, next);
    }

    // The estimate reads the collection's metadata, not its documents: cheap enough for a gauge.
    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        await _references.EstimatedDocumentCountAsync(cancellationToken: cancellationToken);

    public async Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        return (await _references.DeleteManyAsync(KeyFilter(key), cancellationToken)).DeletedCount > 0;
    }

    private static FilterDefinition<ReferenceDocument> KeyFilter(ReferenceKey key) =>
        Builders<ReferenceDocument>.Filter.Eq(d => d.ChannelId, key.ChannelId) &
        Builders<ReferenceDocument>.Filter.Eq(d => d.UserId, key.UserId);

    internal sealed class ReferenceDocument
    {
        [BsonId]
        [BsonIgnoreIfDefault]
        public ObjectId Id { get; set; }

        public required string ChannelId { get; set; }

        public required string UserId { get; set; }

        public required ConversationAddress Address { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime LastActivityAt { get; set; }

        public string? LastActivityId { get; set; }

        public required string LastActivityType { get; set; }

        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public DateTime? RevokedAt { get; set; }

        public string? RevokedReasonCode { get; set; }

        public StoredReference ToReference() => new(
            Address,
            new DateTimeOffset(LastActivityAt, TimeSpan.Zero),
            LastActivityId,
            LastActivityType,
            RevokedAt is { } revokedAt ? new DateTimeOffset(revokedAt, TimeSpan.Zero) : null,
            RevokedReasonCode);
    }
}
