using System.Text.Json.Serialization;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.Members;

/// <summary>
/// A user seen in a group conversation, kept apart from their personal reference (a group conversation is
/// not theirs to be written to). <see cref="LastActivityAt"/> is what <see cref="NewestWins"/> compares.
/// </summary>
public sealed record StoredMember(KnownMember Member, DateTimeOffset LastActivityAt)
{
    [JsonIgnore]
    public ReferenceKey Key => ReferenceKey.For(Member.ChannelId, Member.UserId);

    /// <summary>The member a capture in a group conversation stands for: its sender.</summary>
    public static StoredMember From(StoredReference captured) => new(
        new KnownMember(
            captured.Address.ChannelId,
            captured.Address.User.Id,
            captured.Address.User.AadObjectId,
            captured.Address.Conversation.TenantId,
            captured.Address.ServiceUrl,
            captured.Address.Bot,
            captured.LastActivityAt),
        captured.LastActivityAt);
}
