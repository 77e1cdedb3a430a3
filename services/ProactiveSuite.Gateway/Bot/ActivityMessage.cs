using System.Globalization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Conversations.Flows;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>Turns a message activity into the <see cref="UserMessage"/> the conversation flows take.</summary>
public static class ActivityMessage
{
    /// <param name="activity">A message activity; its conversation and sender were checked by the endpoint.</param>
    public static UserMessage From(IMessageActivity activity) => new(
        activity.ChannelId,
        activity.Conversation.Id,
        activity.From.Id,
        activity.Text,
        activity.Id,
        Submitted(activity.Value));

    /// <summary>The top-level values a submitted card sent (Adaptive Card Action.Submit data), as text.</summary>
    private static Dictionary<string, string>? Submitted(object? value) =>
        value is JObject data
            ? data.Properties()
                .Where(p => p.Value.Type is JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean)
                .ToDictionary(p => p.Name, p => Convert.ToString(((JValue)p.Value).Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal)
            : null;
}
