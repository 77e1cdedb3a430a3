using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// Turns an incoming activity into the <see cref="ReferenceCaptured"/> event: the one place where a
/// Bot Framework type becomes a contract, so no other service needs the SDK to reach the user again.
/// </summary>
public static class ActivityReference
{
    private static readonly HashSet<string> CapturedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
    };

    /// <summary>
    /// True for the activity types that tell where a user can be reached. An installationUpdate that
    /// removes the bot is not one: the conversation it names can no longer be written to.
    /// </summary>
    public static bool IsCaptured(IActivity activity) =>
        CapturedTypes.Contains(activity.Type ?? "") && !IsRemoval(activity);

    /// <summary>An installationUpdate whose action is <c>remove</c> (or <c>remove-upgrade</c>): the bot was uninstalled.</summary>
    public static bool IsRemoval(IActivity activity) =>
        ActivityTypes.InstallationUpdate.Equals(activity.Type, StringComparison.OrdinalIgnoreCase)
        && (activity as Activity)?.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The revocation a removal stands for: the conversation can no longer be written to.</summary>
    public static ReferenceRevoked ToRevokedEvent(Activity activity, DateTimeOffset receivedAt) => new(
        activity.ChannelId,
        activity.From.Id,
        activity.Conversation.Id,
        RevocationReasons.BotRemoved,
        $"The bot was removed ({activity.Type} '{activity.Action}').",
        activity.Timestamp ?? receivedAt);

    /// <param name="activity">The incoming activity; already validated to have channel, serviceUrl, conversation, from and recipient.</param>
    /// <param name="receivedAt">When the Gateway received it; stands in for a missing activity timestamp.</param>
    public static ReferenceCaptured ToCapturedEvent(Activity activity, DateTimeOffset receivedAt)
    {
        var conversation = activity.Conversation;
        var conversationType = conversation.ConversationType;
        var address = new ConversationAddress(
            activity.ChannelId,
            activity.ServiceUrl,
            new ConversationInfo(
                conversation.Id,
                conversationType,
                conversation.TenantId ?? TeamsTenantId(activity),
                conversation.IsGroup == true || conversationType is "groupChat" or "channel"),
            new ParticipantInfo(activity.From.Id, activity.From.Name, activity.From.AadObjectId),
            new ParticipantInfo(activity.Recipient.Id, activity.Recipient.Name, activity.Recipient.AadObjectId),
            activity.Locale);
        return new ReferenceCaptured(address, activity.Id, activity.Type, activity.Timestamp ?? receivedAt);
    }

    // Teams puts the tenant in channelData, and only sometimes in the conversation too. The endpoint refused
    // any other shape; read defensively all the same, since a cast failure here would fail the turn.
    private static string? TeamsTenantId(Activity activity) =>
        activity.ChannelData is JObject channelData && channelData.SelectToken("tenant.id") is JValue { Type: JTokenType.String } id
            ? (string?)id
            : null;
}
