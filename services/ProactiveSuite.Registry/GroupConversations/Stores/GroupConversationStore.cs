using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Registry.GroupConversations.Stores;

/// <summary>Group conversations, one document per conversation keyed by <see cref="GroupConversationKey.Value"/>.</summary>
internal sealed class GroupConversationStore(IDocumentStore store) : IGroupConversationStore
{
    private const string TeamId = "address.conversation.teamId";
    private const string ConversationType = "address.conversation.conversationType";
    private const string IsTeam = "isTeam";

    private readonly IDocuments<StoredGroupConversation> _conversations = store.Collection<StoredGroupConversation>(new CollectionSpec(
        "groupConversations",
        [ReferenceFields.ChannelId, Filter.Id],
        [ReferenceFields.ChannelId, ReferenceFields.TenantId, Filter.Id],
        [ReferenceFields.ChannelId, TeamId, Filter.Id]));

    public async Task<UpsertOutcome> UpsertNewestAsync(StoredGroupConversation conversation, CancellationToken cancellationToken) =>
        await _conversations.ReplaceAsync(conversation.Key.Value, conversation, NewestWins.Replaces(conversation.LastActivityAt), upsert: true, cancellationToken)
            ? UpsertOutcome.Stored
            : UpsertOutcome.Stale;

    public async Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken)
    {
        var key = GroupConversationKey.For(revocation.ChannelId, revocation.ConversationId);
        var revoked = await _conversations.UpdateAsync(key.Value, NewestWins.Revokes(revocation), NewestWins.Revocation(revocation), cancellationToken);
        return revoked is null ? UpsertOutcome.Stale : UpsertOutcome.Stored;
    }

    public Task<StoredGroupConversation?> FindAsync(GroupConversationKey key, CancellationToken cancellationToken) =>
        _conversations.FindAsync(key.Value, cancellationToken);

    public async Task<GroupConversationStorePage> ListAsync(GroupConversationQuery query, CancellationToken cancellationToken)
    {
        var filter = Filter.Gt(Filter.Id, query.After?.Value ?? "")
            & Filter.Eq(ReferenceFields.ChannelId, query.ChannelId.Trim().ToLowerInvariant())
            & Filter.IsNull(ReferenceFields.RevokedAt);
        if (query.TenantId is { } tenant)
        {
            filter &= Filter.Eq(ReferenceFields.TenantId, tenant);
        }

        if (query.TeamId is { } team)
        {
            filter &= Filter.Eq(TeamId, team);
        }

        if (query.ConversationType is { } type)
        {
            filter &= Filter.Eq(ConversationType, type);
        }

        if (query.TeamsOnly)
        {
            filter &= Filter.Eq(IsTeam, true);
        }

        var found = await _conversations.FindAsync(filter, Sort.ById, query.Limit + 1, cancellationToken);
        var items = found.Take(query.Limit).ToList();
        return new GroupConversationStorePage(items, found.Count > query.Limit ? items[^1].Key : null);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => _conversations.CountAsync(null, cancellationToken);
}
