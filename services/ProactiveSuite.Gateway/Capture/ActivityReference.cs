using Microsoft.Bot.Schema;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// Turns an incoming activity into the <see cref="ReferenceCaptured"/> event: the one place where a
/// Bot Framework type becomes a contract, so no other service needs the SDK to reach the user again.
/// In a group chat, Teams channel or team the reference is the conversation's (see docs/architecture.md).
/// </summary>
public static class ActivityReference
{
    private static readonly HashSet<string> CapturedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
    };

    /// <summary>
    /// True for the activity types that tell where a user or group conversation can be reached. A removal
    /// of the bot is not one: the conversation it names can no longer be written to.
    /// </summary>
    public static bool IsCaptured(IActivity activity) =>
        CapturedTypes.Contains(activity.Type ?? "") && !IsRemoval(activity);

    /// <summary>
    /// The bot was removed: an installationUpdate whose action is <c>remove</c> (or <c>remove-upgrade</c>),
    /// or in a group conversation a conversationUpdate whose membersRemoved holds the bot.
    /// </summary>
    public static bool IsRemoval(IActivity activity) => activity is Activity concrete && (
        (ActivityTypes.InstallationUpdate.Equals(concrete.Type, StringComparison.OrdinalIgnoreCase)
            && concrete.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
        || (ActivityTypes.ConversationUpdate.Equals(concrete.Type, StringComparison.OrdinalIgnoreCase)
            && IsGroup(concrete)
            && concrete.MembersRemoved?.Any(m => m?.Id is { } id && id == concrete.Recipient?.Id) == true));

    /// <summary>
    /// The revocation a removal stands for: the conversation can no longer be written to. In a group
    /// conversation it is the conversation's as a whole, not its sender's.
    /// </summary>
    public static ReferenceRevoked ToRevokedEvent(Activity activity, DateTimeOffset receivedAt) => new(
        activity.ChannelId,
        IsGroup(activity) ? null : activity.From.Id,
        ConversationId(activity),
        RevocationReasons.BotRemoved,
        $"The bot was removed ({activity.Type} '{activity.Action ?? "membersRemoved"}').",
        activity.Timestamp ?? receivedAt);

    /// <param name="activity">The incoming activity; already validated to have channel, serviceUrl, conversation, from and recipient.</param>
    /// <param name="receivedAt">When the Gateway received it; stands in for a missing activity timestamp.</param>
    public static ReferenceCaptured ToCapturedEvent(Activity activity, DateTimeOffset receivedAt)
    {
        var conversation = activity.Conversation;
        var isGroup = IsGroup(activity);
        var conversationId = ConversationId(activity);
        var address = new ConversationAddress(
            activity.ChannelId,
            activity.ServiceUrl,
            new ConversationInfo(
                conversationId,
                conversation.ConversationType,
                conversation.TenantId ?? TeamsChannelData.TenantId(activity),
                isGroup,
                isGroup ? TeamsChannelData.ChannelName(activity, conversationId) ?? conversation.Name : null,
                isGroup ? TeamsChannelData.TeamId(activity) : null,
                isGroup ? TeamsChannelData.TeamName(activity) : null),
            new ParticipantInfo(activity.From.Id, activity.From.Name, activity.From.AadObjectId),
            new ParticipantInfo(activity.Recipient.Id, activity.Recipient.Name, activity.Recipient.AadObjectId),
            activity.Locale);
        return new ReferenceCaptured(address, activity.Id, activity.Type, activity.Timestamp ?? receivedAt);
    }

    private static bool IsGroup(Activity activity) =>
        activity.Conversation?.IsGroup == true
        || activity.Conversation?.ConversationType is GroupConversationTypes.GroupChat or GroupConversationTypes.Channel;

    private static string ConversationId(Activity activity) =>
        IsGroup(activity) ? GroupConversationIds.WithoutReplyThread(activity.Conversation.Id) : activity.Conversation.Id;
}
