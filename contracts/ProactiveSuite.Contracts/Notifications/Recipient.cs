namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Who a proactive message is for: a user in a channel, or a group conversation (a group chat, a Teams
/// channel or team). Exactly one of <see cref="UserId"/> and <see cref="ConversationId"/> is given.
/// </summary>
/// <param name="ChannelId">The Bot Framework channel, e.g. <c>msteams</c>.</param>
/// <param name="UserId">The user's id in that channel (Teams: the <c>29:…</c> id).</param>
/// <param name="TenantId">
/// The user's tenant (Teams). Only needed to create a conversation when none is stored and the user was
/// never seen in a group conversation either.
/// </param>
/// <param name="ConversationId">
/// A group conversation the bot was added to (see <c>FindGroupConversation</c>); in a Teams channel the
/// message is a new post.
/// </param>
public sealed record Recipient(string ChannelId, string? UserId, string? TenantId = null, string? ConversationId = null);
