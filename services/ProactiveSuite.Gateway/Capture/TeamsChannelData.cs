using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// What Teams puts in an activity's channelData that a reference keeps: the tenant, and in a team the team
/// and channel. The endpoint refused any other shape; read defensively all the same, since a cast failure
/// here would fail the turn.
/// </summary>
public static class TeamsChannelData
{
    public static string? TenantId(Activity activity) => Text(activity, "tenant.id");

    public static string? TeamId(Activity activity) => Text(activity, "team.id");

    public static string? TeamName(Activity activity) => Text(activity, "team.name");

    /// <summary>
    /// The channel's name, when channelData names this conversation's channel: a team event (a channel created
    /// or renamed) arrives in the team's own conversation and names another channel.
    /// </summary>
    public static string? ChannelName(Activity activity, string conversationId) =>
        Text(activity, "channel.id") is { } channel && channel != conversationId ? null : Text(activity, "channel.name");

    private static string? Text(Activity activity, string path) =>
        activity.ChannelData is JObject channelData && channelData.SelectToken(path) is JValue { Type: JTokenType.String } value
            ? (string?)value
            : null;
}
