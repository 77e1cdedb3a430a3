using Microsoft.Bot.Builder;
using MongoDB.Bson;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// The SDK's <see cref="IStorage"/> on MongoDB, with eTag optimistic concurrency done by the server: a
/// conditional write is a replace filtered on the expected eTag (no match: conflict), a create-only write
/// an insert (duplicate key: conflict). Items are kept as their JSON text, exactly as the embedded adapter
/// keeps them, so both run the same serialisation and the same contract tests.
/// </summary>
internal sealed class MongoBotStorage : IConversationStorage
{
    private const int DuplicateKey = 11000;
    private const string Participants = IConversationStorage.ParticipantsProperty;
    private const string OutboxSince = IConversationStorage.OutboxSinceProperty;
    private readonly IMongoCollection<BsonDocument> _items;

    public MongoBotStorage(IMongoDatabase database)
    {
        _items = database.GetCollection<BsonDocument>("botState");
        // A multikey index: erasure finds a user's conversations without a collection scan.
        _items.Indexes.CreateOne(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending(Participants)));
        // Sparse: only items with events waiting are in it, so the outbox relay reads a small index.
        _items.Indexes.CreateOne(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending(OutboxSince), new CreateIndexOptions { Sparse = true }));
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = await _items.Find(Builders<BsonDocument>.Filter.In("_id", keys.Distinct())).ToListAsync(cancellationToken);
        return documents.ToDictionary(
            d => d["_id"].AsString,
            d => (object)StoreItemJson.FromStored(d["json"].AsString, d["eTag"].AsString));
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, item) in changes)
        {
            var (json, expected, participants, outboxSince) = StoreItemJson.ToStored(key, item);
            var document = new BsonDocument { ["_id"] = key, ["eTag"] = StoreItemJson.NewETag(), ["json"] = json, [Participants] = new BsonArray(participants) };
            if (outboxSince is { } since)
            {
                document[OutboxSince] = new BsonDateTime(since);
            }

            var byKey = Builders<BsonDocument>.Filter.Eq("_id", key);
            switch (expected)
            {
                case null or StoreItemETags.Any:
                    await _items.ReplaceOneAsync(byKey, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
                    break;
                case StoreItemETags.NotYetStored:
                    try
                    {
                        await _items.InsertOneAsync(document, cancellationToken: cancellationToken);
                    }
                    catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
                    {
                        throw new ETagConflictException(key, expected);
                    }

                    break;
                default:
                    var replaced = await _items.ReplaceOneAsync(byKey & Builders<BsonDocument>.Filter.Eq("eTag", expected), document, cancellationToken: cancellationToken);
                    if (replaced.MatchedCount == 0)
                    {
                        throw new ETagConflictException(key, expected);
                    }

                    break;
            }
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _items.DeleteManyAsync(Builders<BsonDocument>.Filter.In("_id", keys), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindWaitingOutboxesAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var waiting = await _items.Find(Builders<BsonDocument>.Filter.Lt(OutboxSince, new BsonDateTime(before.UtcDateTime)))
            .Sort(Builders<BsonDocument>.Sort.Ascending(OutboxSince))
            .Limit(limit)
            .Project(Builders<BsonDocument>.Projection.Include("_id"))
            .ToListAsync(cancellationToken);
        return waiting.Select(d => d["_id"].AsString).ToList();
    }

    public async Task<int> DeleteByParticipantAsync(string participant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participant);
        var deleted = await _items.DeleteManyAsync(Builders<BsonDocument>.Filter.AnyEq(Participants, participant), cancellationToken);
        return (int)deleted.DeletedCount;
    }
}
