namespace ProactiveSuite.Contracts.References;

/// <summary>
/// Everything a bot needs to speak first to a user: where the channel's connector lives, which
/// conversation to write into, and who is on each side. This is the Bot Framework "conversation
/// reference", in a shape that carries no SDK types.
/// </summary>
/// <param name="ChannelId">The Bot Framework channel, e.g. <c>msteams</c> or <c>emulator</c>.</param>
/// <param name="ServiceUrl">The channel connector's base URL that proactive sends are posted to.</param>
/// <param name="Conversation">The conversation the user last wrote in.</param>
/// <param name="User">The user the reference leads to.</param>
/// <param name="Bot">The bot's account in that channel.</param>
/// <param name="Locale">The user's locale as the channel reported it (e.g. <c>en-GB</c>), when known.</param>
public sealed record ConversationAddress(
    string ChannelId,
    string ServiceUrl,
    ConversationInfo Conversation,
    ParticipantInfo User,
    ParticipantInfo Bot,
    string? Locale);

/// <summary>The conversation part of a <see cref="ConversationAddress"/>.</summary>
/// <param name="Id">The channel's conversation id.</param>
/// <param name="ConversationType">The channel's conversation type (Teams: <c>personal</c>, <c>groupChat</c>, <c>channel</c>), when given.</param>
/// <param name="TenantId">The Microsoft 365 tenant of the conversation (Teams), when given.</param>
/// <param name="IsGroup">True when more than the user and the bot take part.</param>
/// <param name="Name">The conversation's name (a Teams channel's name, a group chat's topic), when given.</param>
/// <param name="TeamId">The Teams team the channel belongs to, when it is a channel.</param>
/// <param name="TeamName">That team's name, when given.</param>
public sealed record ConversationInfo(
    string Id,
    string? ConversationType,
    string? TenantId,
    bool IsGroup,
    string? Name = null,
    string? TeamId = null,
    string? TeamName = null);

/// <summary>A user or bot account in a channel.</summary>
/// <param name="Id">The channel's account id (Teams: <c>29:…</c> for users, <c>28:…</c> for bots).</param>
/// <param name="Name">The display name, when the channel sends one.</param>
/// <param name="AadObjectId">The Microsoft Entra object id (Teams), when given.</param>
public sealed record ParticipantInfo(string Id, string? Name, string? AadObjectId);
