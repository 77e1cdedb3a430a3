using LiteDB;
using Microsoft.Bot.Builder;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// The SDK's <see cref="IStorage"/> on the embedded LiteDB file, with eTag optimistic concurrency: each item is
/// its JSON and its eTag, and a conditional write compares and writes under the file's write gate.
/// </summary>
internal sealed class EmbeddedBotStorage : IConversationStorage
{
    private readonly ILiteCollection<BsonDocument> _items;
    private readonly Lock _gate;

    public EmbeddedBotStorage(LiteDatabase database)
    {
        _items = database.GetCollection("botState");
        _items.EnsureIndex(IConversationStorage.ParticipantsProperty, $"$.{IConversationStorage.ParticipantsProperty}[*]");
        _items.EnsureIndex(IConversationStorage.OutboxSinceProperty);
        _gate = EmbeddedWriteGate.For(database);
    }

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys.Distinct())
        {
            if (_items.FindById(key) is { } document)
            {
                found[key] = StoreItemJson.FromStored(document["json"].AsString, document["eTag"].AsString);
            }
        }

        return Task.FromResult<IDictionary<string, object>>(found);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, item) in changes)
        {
            var (json, expected, participants, outboxSince) = StoreItemJson.ToStored(key, item);
            var document = new BsonDocument
            {
                ["_id"] = key,
                ["eTag"] = StoreItemJson.NewETag(),
                ["json"] = json,
                [IConversationStorage.ParticipantsProperty] = new BsonArray(participants.Select(p => new BsonValue(p))),
                [IConversationStorage.OutboxSinceProperty] = outboxSince is { } since ? new BsonValue(since) : BsonValue.Null,
            };
            lock (_gate)
            {
                var stored = _items.FindById(key)?["eTag"].AsString;
                var allowed = expected switch
                {
                    null or StoreItemETags.Any => true,
                    StoreItemETags.NotYetStored => stored is null,
                    _ => stored == expected,
                };
                if (!allowed)
                {
                    throw new ETagConflictException(key, expected);
                }

                _items.Upsert(document);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _items.Delete(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> FindWaitingOutboxesAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var keys = _items.Query()
            // LiteDB orders null before every date: the items without waiting events are excluded by name.
            .Where(BsonExpression.Create($"$.{IConversationStorage.OutboxSinceProperty} != null AND $.{IConversationStorage.OutboxSinceProperty} < @0", new BsonValue(before.UtcDateTime)))
            .OrderBy(BsonExpression.Create($"$.{IConversationStorage.OutboxSinceProperty}"))
            .Select(BsonExpression.Create("_id"))
            .Limit(limit)
            .ToList()
            .Select(d => d["_id"].AsString)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public Task<int> DeleteByParticipantAsync(string participant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participant);
        lock (_gate)
        {
            // The ids first, then the deletes: LiteDB 5's DeleteMany walks the multikey index while it
            // deletes from it, and fails ("invalid segment position in index footer").
            var ids = _items.Query()
                .Where(BsonExpression.Create($"$.{IConversationStorage.ParticipantsProperty}[*] ANY = @0", new BsonValue(participant)))
                .Select(BsonExpression.Create("_id"))
                .ToList()
                .Select(d => d["_id"])
                .ToList();
            return Task.FromResult(ids.Count(_items.Delete));
        }
    }
}
