using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>The transcript as the control routes show it.</summary>
internal static class TranscriptJson
{
    public static JsonObject Conversation(string id, IEnumerable<RecordedActivity> activities) => new()
    {
        ["id"] = id,
        ["activities"] = Activities(activities),
    };

    /// <summary>
    /// Each item is the activity itself plus <c>direction</c>, <c>operation</c> and <c>receivedAt</c>, so that tools
    /// reading a list of activities (<c>.activities[].text</c>) work unchanged; the Bot Framework schema has no
    /// properties of those names.
    /// </summary>
    public static JsonArray Activities(IEnumerable<RecordedActivity> activities)
    {
        var array = new JsonArray();
        foreach (var recorded in activities)
        {
            var item = recorded.Activity.DeepClone().AsObject();
            item["direction"] = Camel(recorded.Direction.ToString());
            item["operation"] = Camel(recorded.Operation.ToString());
            item["receivedAt"] = JsonText.UtcTimestamp(recorded.ReceivedAt);
            array.Add(item);
        }
        return array;
    }

    /// <summary>The conversations the bot created with <c>POST /v3/conversations</c>, with the parameters it sent.</summary>
    public static JsonArray Created(IEnumerable<ConversationCreated> created) =>
    [
        .. created.Select(c => new JsonObject
        {
            ["conversationId"] = c.ConversationId,
            ["members"] = new JsonArray([.. c.Members.Select(m => m.DeepClone())]),
            ["bot"] = c.Bot?.DeepClone(),
            ["isGroup"] = c.IsGroup,
            ["tenantId"] = c.TenantId,
            ["channelData"] = c.ChannelData?.DeepClone(),
            ["activityId"] = c.ActivityId,
            ["createdAt"] = JsonText.UtcTimestamp(c.CreatedAt),
        }),
    ];

    private static string Camel(string name) => string.Concat(name[..1].ToLowerInvariant(), name[1..]);
}
