using System.Globalization;
using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Registry.References.Stores;

/// <summary>
/// References in the embedded LiteDB file of the single-process default. Each reference is kept as
/// its JSON next to the fields it is found and ordered by, which spares a mapping of every record.
/// </summary>
internal sealed class EmbeddedConversationReferenceStore : IConversationReferenceStore
{
    private const string Collection = "conversationReferences";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILiteCollection<BsonDocument> _references;

    // LiteDB has no conditional write: the compare and the write of newest-wins must not interleave.
    private readonly Lock _upsertGate = new();

    public EmbeddedConversationReferenceStore(LiteDatabase database)
    {
        _references = database.GetCollection(Collection);
        _references.EnsureIndex("channelId");
        _references.EnsureIndex("tenantId");
    }

    public Task<UpsertOutcome> UpsertNewestAsync(StoredReference reference, CancellationToken cancellationToken)
    {
        lock (_upsertGate)
        {
            var stored = Find(reference.Key);
            if (!NewestWins.Replaces(stored, reference))
            {
                return Task.FromResult(UpsertOutcome.Stale);
            }

            Write(reference);
            return Task.FromResult(UpsertOutcome.Stored);
        }
    }

    public Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken)
    {
        lock (_upsertGate)
        {
            var stored = Find(ReferenceKey.For(revocation.ChannelId, revocation.UserId));
            if (!NewestWins.Revokes(stored, revocation))
            {
                return Task.FromResult(UpsertOutcome.Stale);
            }

            Write(stored! with { RevokedAt = revocation.RevokedAt, RevokedReasonCode = revocation.ReasonCode });
            return Task.FromResult(UpsertOutcome.Stored);
        }
    }

    public Task<StoredReference?> FindAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        Task.FromResult(Find(key));

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Task.FromResult(EmbeddedStoreSpans.Trace("count", Collection, _references.LongCount));

    public Task<IReadOnlyList<StoredReference>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => new BsonValue(k.Value)).ToList();
        var found = ids.Count == 0 ? [] : _references.Find(Query.In("_id", ids)).Select(ToReference).ToList();
        return Task.FromResult<IReadOnlyList<StoredReference>>(found);
    }

    public Task<ReferencePage> ListAsync(ReferencePageRequest request, CancellationToken cancellationToken)
    {
        var query = _references.Query();
        if (request.ChannelId is { } channel)
        {
            query = query.Where(Query.EQ("channelId", channel.Trim().ToLowerInvariant()));
        }

        if (request.TenantId is { } tenant)
        {
            query = query.Where(Query.EQ("tenantId", tenant));
        }

        if (request.ActiveOnly)
        {
            query = query.Where(Query.EQ("revoked", false));
        }

        if (request.After is { } after)
        {
            query = query.Where(Query.GT("_id", after.Value));
        }

        var documents = EmbeddedStoreSpans.Trace("query", Collection, () => query.OrderBy("_id").Limit(request.Limit + 1).ToList());
        var items = documents.Take(request.Limit).Select(ToReference).ToList();
        var next = documents.Count > request.Limit ? items[^1].Key : (ReferenceKey?)null;
        return Task.FromResult(new ReferencePage(items, next));
    }

    public Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken)
    {
        lock (_upsertGate)
        {
            return Task.FromResult(EmbeddedStoreSpans.Trace("delete", Collection, () => _references.Delete(key.Value)));
        }
    }

    private StoredReference? Find(ReferenceKey key) =>
        EmbeddedStoreSpans.Trace("findById", Collection, () => _references.FindById(key.Value)) is { } document ? ToReference(document) : null;

    private void Write(StoredReference reference)
    {
        var key = reference.Key;
        var document = new BsonDocument
        {
            ["_id"] = key.Value,
            ["channelId"] = key.ChannelId,
            ["userId"] = key.UserId,
            ["tenantId"] = reference.Address.Conversation.TenantId is { } tenant ? new BsonValue(tenant) : BsonValue.Null,
            ["revoked"] = reference.IsRevoked,
            ["reference"] = JsonSerializer.Serialize(reference, Json),
        };
        EmbeddedStoreSpans.Trace("upsert", Collection, () => _references.Upsert(document));
    }

    private static StoredReference ToReference(BsonDocument document) =>
        JsonSerializer.Deserialize<StoredReference>(document["reference"].AsString, Json)
        ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Reference {document["_id"]} is empty"));
}
