using ProactiveSuite.ServiceDefaults.Storage;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// The SDK's <see cref="Microsoft.Bot.Builder.IStorage"/> with eTag optimistic concurrency done by the engine: a
/// conditional write is a replace filtered on the expected eTag (no match: conflict), a create-only write an
/// insert (key taken: conflict). Items are kept as their JSON text (<see cref="StoreItemJson"/>).
/// </summary>
internal sealed class BotStorage(IDocumentStore store) : IConversationStorage
{
    private const string ETag = "eTag";

    private readonly IDocuments<StoredItem> _items = store.Collection<StoredItem>(new CollectionSpec(
        "botState",
        [IConversationStorage.ParticipantsProperty], // erasure (a multikey index on MongoDB)
        [IConversationStorage.OutboxSinceProperty])); // the outbox relay

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = await _items.FindAsync(Filter.In(Filter.Id, keys.Distinct()), Sort.ById, keys.Length, cancellationToken);
        return found.ToDictionary(item => item.Key, item => (object)StoreItemJson.FromStored(item.Json, item.ETag));
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, item) in changes)
        {
            var (json, expected, participants, outboxSince) = StoreItemJson.ToStored(key, item);
            var stored = new StoredItem(key, StoreItemJson.NewETag(), json, participants, outboxSince);
            var written = expected switch
            {
                null or StoreItemETags.Any => await _items.ReplaceAsync(key, stored, condition: null, upsert: true, cancellationToken),
                StoreItemETags.NotYetStored => await _items.InsertAsync(key, stored, cancellationToken),
                _ => await _items.ReplaceAsync(key, stored, Filter.Eq(ETag, expected), upsert: false, cancellationToken),
            };
            if (!written)
            {
                throw new ETagConflictException(key, expected);
            }
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _items.DeleteAsync(Filter.In(Filter.Id, keys), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindWaitingOutboxesAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var waiting = await _items.FindAsync(Filter.Lt(IConversationStorage.OutboxSinceProperty, before), new Sort(IConversationStorage.OutboxSinceProperty), limit, cancellationToken);
        return [.. waiting.Select(item => item.Key)];
    }

    public Task<int> DeleteByParticipantAsync(string participant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participant);
        return _items.DeleteAsync(Filter.Contains(IConversationStorage.ParticipantsProperty, participant), cancellationToken);
    }

    /// <summary>An item as stored: its JSON without the eTag, the eTag beside it, and what it is found by.</summary>
    internal sealed record StoredItem(string Key, string ETag, string Json, IReadOnlyList<string> Participants, DateTimeOffset? OutboxSince);
}
