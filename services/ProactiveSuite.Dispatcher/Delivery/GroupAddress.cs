using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// A group conversation as the delivery path sends to it: a <see cref="ConversationAddress"/> without a user
/// (no user id), so a post to a Teams channel's id is a new post in the channel, addressed to no one.
/// </summary>
public static class GroupAddress
{
    public static ConversationAddress Of(GroupConversationAddress group) => new(
        group.ChannelId,
        group.ServiceUrl,
        group.Conversation with { IsGroup = true },
        NoUser,
        group.Bot,
        Locale: null);

    /// <summary>The user of a group conversation's address: nobody.</summary>
    public static ParticipantInfo NoUser { get; } = new("", null, null);
}
