using System.Text.Json.Serialization;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>
/// The reference the Registry keeps for one group chat, Teams channel or team: the newest address seen,
/// and when; once the bot was removed (or the connector said it is gone), when and why it was revoked.
/// Its fields are named as a user's <see cref="StoredReference"/>'s, so <see cref="NewestWins"/> applies as it is.
/// </summary>
public sealed record StoredGroupConversation(
    GroupConversationAddress Address,
    DateTimeOffset LastActivityAt,
    string? LastActivityId,
    string LastActivityType,
    DateTimeOffset? RevokedAt = null,
    string? RevokedReasonCode = null)
{
    [JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;

    [JsonIgnore]
    public GroupConversationKey Key => GroupConversationKey.For(Address.ChannelId, Address.Conversation.Id);

    /// <summary>A team's own channel (its id is the team's): stored, so that a query can select teams.</summary>
    public bool IsTeam => Address.Conversation.TeamId is { } team && team == Address.Conversation.Id;

    /// <summary>The group conversation a capture in it stands for (normalised as <see cref="StoredReference.From"/> does).</summary>
    public static StoredGroupConversation From(StoredReference captured) => new(
        new GroupConversationAddress(captured.Address.ChannelId, captured.Address.ServiceUrl, captured.Address.Conversation, captured.Address.Bot),
        captured.LastActivityAt,
        captured.LastActivityId,
        captured.LastActivityType);
}
