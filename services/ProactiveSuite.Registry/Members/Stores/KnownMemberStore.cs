using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Registry.Members.Stores;

/// <summary>Known members, one document per user keyed by <see cref="ReferenceKey.Value"/>.</summary>
internal sealed class KnownMemberStore(IDocumentStore store) : IKnownMemberStore
{
    private readonly IDocuments<StoredMember> _members = store.Collection<StoredMember>(new CollectionSpec("knownMembers", [Filter.Id]));

    public async Task<UpsertOutcome> UpsertNewestAsync(StoredMember member, CancellationToken cancellationToken) =>
        await _members.ReplaceAsync(member.Key.Value, member, NewestWins.Replaces(member.LastActivityAt), upsert: true, cancellationToken)
            ? UpsertOutcome.Stored
            : UpsertOutcome.Stale;

    public Task<StoredMember?> FindAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        _members.FindAsync(key.Value, cancellationToken);

    public async Task<IReadOnlyList<StoredMember>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? [] : await _members.FindAsync(Filter.In(Filter.Id, keys.Select(k => (object)k.Value)), Sort.ById, keys.Count, cancellationToken);

    public async Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        await _members.DeleteAsync(Filter.Eq(Filter.Id, key.Value), cancellationToken) > 0;
}
