namespace ProactiveSuite.Contracts.References;

/// <summary>
/// A group chat, Teams channel or team the bot was added to and can post into: the group counterpart of
/// a user's <see cref="ConversationAddress"/>, keyed by channel and conversation id.
/// </summary>
/// <param name="ChannelId">The Bot Framework channel, e.g. <c>msteams</c>.</param>
/// <param name="ServiceUrl">The channel connector's base URL that posts are sent to.</param>
/// <param name="Conversation">
/// The conversation. For a Teams channel its id is the channel's (<c>19:…@thread.tacv2</c>, without a reply
/// thread's <c>;messageid=…</c>), so a message sent to it is a new post in the channel.
/// </param>
/// <param name="Bot">The bot's account in that channel.</param>
public sealed record GroupConversationAddress(
    string ChannelId,
    string ServiceUrl,
    ConversationInfo Conversation,
    ParticipantInfo Bot);

/// <summary>
/// Request (request/response): the stored reference of one group conversation. The Registry answers with
/// <see cref="GroupConversationFound"/> or <see cref="GroupConversationNotFound"/>.
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="ConversationId">The conversation id (a Teams channel's without <c>;messageid=…</c>).</param>
public sealed record FindGroupConversation(string ChannelId, string ConversationId);

/// <summary>Response: the group conversation's newest stored reference.</summary>
/// <param name="Address">How to post into it.</param>
/// <param name="LastActivityAt">The timestamp of the newest activity it was captured from.</param>
public sealed record GroupConversationFound(GroupConversationAddress Address, DateTimeOffset LastActivityAt);

/// <summary>Response: no usable reference of that group conversation is stored.</summary>
/// <param name="ChannelId">The channel asked for.</param>
/// <param name="ConversationId">The conversation asked for.</param>
/// <param name="RevokedReasonCode">When one is stored but was revoked (the bot was removed, the connector answered 403/404): why.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record GroupConversationNotFound(
    string ChannelId,
    string ConversationId,
    string? RevokedReasonCode = null,
    DateTimeOffset? RevokedAt = null);

/// <summary>
/// Request (request/response): one page of the active group conversations of a channel, answered with
/// <see cref="GroupConversationPage"/>, in a stable order. Every filter is optional but the channel.
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="TenantId">Only this tenant.</param>
/// <param name="TeamId">Only this Teams team's channels.</param>
/// <param name="ConversationType">Only this type: one of <see cref="GroupConversationTypes"/>.</param>
/// <param name="After">The previous page's <see cref="GroupConversationPage.Next"/>; null for the first page.</param>
/// <param name="Limit">At most this many (1 to 1,000).</param>
/// <param name="TeamsOnly">Only each team's own channel (the one whose id is the team's id: the channel the bot was added to with the team).</param>
public sealed record ListGroupConversations(
    string ChannelId,
    string? TenantId,
    string? TeamId,
    string? ConversationType,
    string? After,
    int Limit,
    bool TeamsOnly = false);

/// <summary>Response: a page of active group conversations.</summary>
/// <param name="Conversations">Where each one can be posted to.</param>
/// <param name="Next">The cursor of the next page, or null after the last one.</param>
public sealed record GroupConversationPage(IReadOnlyList<GroupConversationAddress> Conversations, string? Next);

/// <summary>The conversation types a group conversation has (Teams' <c>conversation.conversationType</c>).</summary>
public static class GroupConversationTypes
{
    /// <summary>A group chat.</summary>
    public const string GroupChat = "groupChat";

    /// <summary>A channel of a Teams team (a team's own channel too).</summary>
    public const string Channel = "channel";
}

/// <summary>
/// A user the bot has seen in a group chat or channel but who has no one-to-one conversation with it:
/// enough to create one the way Teams requires, without the caller knowing the tenant.
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">The user's id in that channel (Teams: <c>29:…</c>).</param>
/// <param name="AadObjectId">The Microsoft Entra object id (Teams), when seen.</param>
/// <param name="TenantId">The tenant the user was seen in.</param>
/// <param name="ServiceUrl">The connector of the user's region, as seen in their activities.</param>
/// <param name="Bot">The bot's account there.</param>
/// <param name="LastSeenAt">When the user was last seen.</param>
public sealed record KnownMember(
    string ChannelId,
    string UserId,
    string? AadObjectId,
    string? TenantId,
    string ServiceUrl,
    ParticipantInfo Bot,
    DateTimeOffset LastSeenAt);
