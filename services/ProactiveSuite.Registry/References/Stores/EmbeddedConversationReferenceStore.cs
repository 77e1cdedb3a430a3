using System.Globalization;
using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;

namespace ProactiveSuite.Registry.References.Stores;

/// <summary>
/// References in the embedded LiteDB file of the single-process default. Each reference is kept as
/// its JSON next to the fields it is found and ordered by, which spares a mapping of every record.
/// </summary>
internal sealed class EmbeddedConversationReferenceStore : IConversationReferenceStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILiteCollection<BsonDocument> _references;

    // LiteDB has no conditional write: the compare and the write of newest-wins must not interleave.
    private readonly Lock _upsertGate = new();

    public EmbeddedConversationReferenceStore(LiteDatabase database)
    {
        _references = database.GetCollection("conversationReferences");
        _references.EnsureIndex("channelId");
    }

    public Task<UpsertOutcome> UpsertNewestAsync(StoredReference reference, CancellationToken cancellationToken)
    {
        var key = reference.Key;
        lock (_upsertGate)
        {
            var stored = _references.FindById(key.Value) is { } document ? ToReference(document) : null;
            if (!NewestWins.Replaces(stored, reference))
            {
                return Task.FromResult(UpsertOutcome.Stale);
            }

            _references.Upsert(new BsonDocument
            {
                ["_id"] = key.Value,
                ["channelId"] = key.ChannelId,
                ["userId"] = key.UserId,
                ["lastActivityAt"] = reference.LastActivityAt.ToUnixTimeMilliseconds(),
                ["reference"] = JsonSerializer.Serialize(reference, Json),
            });
            return Task.FromResult(UpsertOutcome.Stored);
        }
    }

    public Task<StoredReference?> FindAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_references.FindById(key.Value) is { } document ? ToReference(document) : null);

    public Task<ReferencePage> ListAsync(ReferencePageRequest request, CancellationToken cancellationToken)
    {
        var query = _references.Query();
        if (request.ChannelId is { } channel)
        {
            query = query.Where(Query.EQ("channelId", channel.Trim().ToLowerInvariant()));
        }

        if (request.After is { } after)
        {
            query = query.Where(Query.GT("_id", after.Value));
        }

        var documents = query.OrderBy("_id").Limit(request.Limit + 1).ToList();
        var items = documents.Take(request.Limit).Select(ToReference).ToList();
        var next = documents.Count > request.Limit ? items[^1].Key : (ReferenceKey?)null;
        return Task.FromResult(new ReferencePage(items, next));
    }

    public Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken)
    {
        lock (_upsertGate)
        {
            return Task.FromResult(_references.Delete(key.Value));
        }
    }

    private static StoredReference ToReference(BsonDocument document) =>
        JsonSerializer.Deserialize<StoredReference>(document["reference"].AsString, Json)
        ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Reference {document["_id"]} is empty"));
}
