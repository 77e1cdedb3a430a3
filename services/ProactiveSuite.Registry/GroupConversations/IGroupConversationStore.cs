using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>Where the Registry keeps group conversations, beside the users' references.</summary>
public interface IGroupConversationStore
{
    /// <summary>Stores <paramref name="conversation"/> when <see cref="NewestWins"/> says so, atomically.</summary>
    Task<UpsertOutcome> UpsertNewestAsync(StoredGroupConversation conversation, CancellationToken cancellationToken);

    /// <summary>Marks the conversation a revocation without a user names revoked, when <see cref="NewestWins.Revokes"/> says so.</summary>
    Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken);

    Task<StoredGroupConversation?> FindAsync(GroupConversationKey key, CancellationToken cancellationToken);

    /// <summary>Active conversations of one channel in key order, starting after a cursor.</summary>
    Task<GroupConversationStorePage> ListAsync(GroupConversationQuery query, CancellationToken cancellationToken);

    /// <summary>How many are stored; may be an estimate (it feeds a gauge).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <param name="ChannelId">The channel.</param>
/// <param name="TenantId">Only this tenant, when given.</param>
/// <param name="TeamId">Only this team's channels, when given.</param>
/// <param name="ConversationType">Only this type, when given.</param>
/// <param name="TeamsOnly">Only each team's own channel.</param>
/// <param name="After">The <see cref="GroupConversationStorePage.Next"/> cursor of the previous page.</param>
/// <param name="Limit">At most this many.</param>
public sealed record GroupConversationQuery(
    string ChannelId,
    string? TenantId,
    string? TeamId,
    string? ConversationType,
    bool TeamsOnly,
    GroupConversationKey? After,
    int Limit);

/// <param name="Items">The conversations of this page.</param>
/// <param name="Next">The cursor of the next page, or null on the last page.</param>
public sealed record GroupConversationStorePage(IReadOnlyList<StoredGroupConversation> Items, GroupConversationKey? Next);
