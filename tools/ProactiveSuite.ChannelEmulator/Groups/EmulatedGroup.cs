namespace ProactiveSuite.ChannelEmulator;

/// <summary>A group chat or a team's channel the emulator knows, as it stands when read.</summary>
/// <param name="ConversationId">The conversation id (a channel's without <c>;messageid=</c>).</param>
/// <param name="Kind">Group chat or channel.</param>
/// <param name="Name">The chat's topic (may be null) or the channel's name.</param>
/// <param name="TeamId">For a channel, its team's id (the General channel's conversation id).</param>
/// <param name="TeamName">For a channel, its team's name.</param>
/// <param name="TenantId">The tenant every activity of the conversation names.</param>
/// <param name="Members">The users in it (never the bot), the first being the one who adds the bot.</param>
internal sealed record EmulatedGroup(
    string ConversationId,
    GroupKind Kind,
    string? Name,
    string? TeamId,
    string? TeamName,
    string TenantId,
    IReadOnlyList<GroupMember> Members)
{
    /// <summary>Whether the bot is in the conversation when it was read; for a channel, whether it is in the team.</summary>
    public bool BotPresent { get; init; }

    /// <summary>
    /// What the bot's presence belongs to: a chat's own id, or a channel's team, since Teams installs a bot in a team
    /// (all its channels at once), never in one channel.
    /// </summary>
    public string RosterKey => Kind == GroupKind.Channel ? TeamId! : ConversationId;

    public GroupMember? Member(string id) => Members.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
}
