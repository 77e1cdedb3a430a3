using ProactiveSuite.Contracts.References;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Registry.References.Stores;

/// <summary>
/// References, one document per user keyed by <see cref="ReferenceKey.Value"/> (so pages run in key order).
/// Newest-wins is one conditional write, with no read before it.
/// </summary>
internal sealed class ConversationReferenceStore(IDocumentStore store) : IConversationReferenceStore
{
    private readonly IDocuments<StoredReference> _references = store.Collection<StoredReference>(new CollectionSpec(
        "conversationReferences",
        [ReferenceFields.ChannelId, Filter.Id],
        [ReferenceFields.ChannelId, ReferenceFields.TenantId, Filter.Id]));

    public async Task<UpsertOutcome> UpsertNewestAsync(StoredReference reference, CancellationToken cancellationToken) =>
        await _references.ReplaceAsync(reference.Key.Value, reference, NewestWins.Replaces(reference.LastActivityAt), upsert: true, cancellationToken)
            ? UpsertOutcome.Stored
            : UpsertOutcome.Stale;

    public async Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken)
    {
        var revoked = await _references.UpdateAsync(ReferenceKey.For(revocation.ChannelId, revocation.UserId).Value, NewestWins.Revokes(revocation), NewestWins.Revocation(revocation), cancellationToken);
        return revoked is null ? UpsertOutcome.Stale : UpsertOutcome.Stored;
    }

    public Task<StoredReference?> FindAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        _references.FindAsync(key.Value, cancellationToken);

    public async Task<IReadOnlyList<StoredReference>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? [] : await _references.FindAsync(Filter.In(Filter.Id, keys.Select(k => (object)k.Value)), Sort.ById, keys.Count, cancellationToken);

    public async Task<ReferencePage> ListAsync(ReferencePageRequest request, CancellationToken cancellationToken)
    {
        // Every key is after the empty one: the cursor's condition doubles as "all".
        var filter = Filter.Gt(Filter.Id, request.After?.Value ?? "");
        if (request.ChannelId is { } channel)
        {
            filter &= Filter.Eq(ReferenceFields.ChannelId, channel.Trim().ToLowerInvariant());
        }

        if (request.TenantId is { } tenant)
        {
            filter &= Filter.Eq(ReferenceFields.TenantId, tenant);
        }

        if (request.ActiveOnly)
        {
            filter &= Filter.IsNull(ReferenceFields.RevokedAt);
        }

        var found = await _references.FindAsync(filter, Sort.ById, request.Limit + 1, cancellationToken);
        var items = found.Take(request.Limit).ToList();
        return new ReferencePage(items, found.Count > request.Limit ? items[^1].Key : null);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => _references.CountAsync(null, cancellationToken);

    public async Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken) =>
        await _references.DeleteAsync(Filter.Eq(Filter.Id, key.Value), cancellationToken) > 0;
}

/// <summary>The fields of a stored <see cref="StoredReference"/> that the rules and queries name.</summary>
internal static class ReferenceFields
{
    public const string ChannelId = "address.channelId";
    public const string TenantId = "address.conversation.tenantId";
    public const string ConversationId = "address.conversation.id";
    public const string LastActivityAt = "lastActivityAt";
    public const string RevokedAt = "revokedAt";
    public const string RevokedReasonCode = "revokedReasonCode";
}
