using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>
/// Malformed and hostile group activities: a group chat message, a Teams channel message in a reply thread, the
/// bot added to and removed from a team, installed and uninstalled in team scope; mutated where the group
/// capture reads (channelData.team/channel, conversationType, the ';messageid=' cut, membersAdded/Removed).
/// </summary>
public sealed class HostileGroupActivities(HostileJson hostile, JsonObject template, string serviceUrl)
{
    /// <summary>The prefix of every conversation id generated here, so stored ones can be found again.</summary>
    public static string ConversationPrefix(string runId) => $"fuzzgroup-{runId}-";

    private static readonly string[] ReplyThreads =
    [
        ";messageid=1;messageid=2", ";MESSAGEID=17", ";messageid=", ";messageid=a;b", ";messageid=%2F", ";messageId=x y",
    ];

    private static readonly string[] UnusableIds = ["a/b;messageid=1", "..;messageid=1", ".;messageid=1", "x?y;messageid=1", "x#y;messageid=1", "19:x;messageid=../.."];

    /// <param name="index">The activity's place among all generated ones: it makes the ids unique.</param>
    /// <param name="ordinal">Its place among the group ones: it picks the seed and the mutation, so each is reached.</param>
    /// <param name="runId">The run's id.</param>
    public HostileActivity Create(int index, int ordinal, string runId)
    {
        var userId = $"fuzz-{runId}-{index}";
        var activity = Seed(ordinal / 12 % 6, userId, ConversationPrefix(runId) + index);
        var (kind, refused) = (ordinal % 12) switch
        {
            0 => ("group seed", false),
            1 => (Set(activity, Pick(["channelData.team", "channelData.channel", "channelData.tenant"]), JsonNode.Parse(Pick(["\"t\"", "[]", "7", "true"]))), true),
            2 => (Set(activity, Pick(["channelData.team.id", "channelData.channel.id", "channelData.team.name", "channelData.channel.name", "conversation.id"]), hostile.HugeText(513, 20_000)), true),
            3 => (Set(activity, Pick(["channelData.team.id", "channelData.channel.id", "channelData.team.name", "channelData.channel", "conversation.conversationType", "conversation.isGroup"]), null), false),
            4 => (Set(activity, Pick(["channelData.team.id", "channelData.channel.id", "channelData.channel.name"]), JsonNode.Parse(Pick(["5", "{\"id\":\"x\"}", "[\"x\"]", "false"]))), true),
            5 => (Set(activity, Pick(["channelData.team.name", "channelData.channel.name", "conversation.id", "channelData.team.id"]), "x\u0000\u001b[31m\r\ny"), true),
            6 => (Set(activity, Pick(["channelData.team.id", "channelData.team.name", "channelData.channel.id", "conversation.conversationType"]), ""), false),
            7 => (Set(activity, "conversation.id", ConversationPrefix(runId) + index + Pick(ReplyThreads)), false),
            8 => (Set(activity, "conversation.id", Pick([";messageid=", ";messageid=1", "   ;messageid=1", ";MessageId=2"])), true),
            9 => (Set(activity, "conversation.id", Pick(UnusableIds)), true),
            10 => (Set(activity, Pick(["membersAdded", "membersRemoved"]), JsonNode.Parse(Pick(["[{}]", "[{\"id\": 5}]", "[{\"id\": null}]", "[{\"id\": \"\"}]", "[]", "null"]))), false),
            _ => (Set(activity, "conversation.conversationType", hostile.Random.Next(2) == 0 ? JsonValue.Create(Pick(["meeting", "CHANNEL", "groupchat", "personal", hostile.OddText()])) : hostile.AnyValue()), false),
        };

        // Group ids and names are never a user's own: none of these store a personal reference (MustBeCaptured).
        return new HostileActivity(kind, Encoding.UTF8.GetBytes(activity.ToJsonString()), userId, MustBeCaptured: false, MustBeRefused: refused, MustBeTaken: kind == "group seed");
    }

    private JsonObject Seed(int shape, string userId, string conversationId)
    {
        var activity = template.DeepClone().AsObject();
        activity["id"] = "fuzz-group-activity-" + conversationId;
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        activity["serviceUrl"] = serviceUrl;
        activity["from"]!["id"] = userId;
        var bot = activity["recipient"]!["id"]!.GetValue<string>();
        var channel = $"19:{conversationId}@thread.tacv2";
        var team = new JsonObject { ["id"] = channel, ["name"] = "Fuzz team" };
        switch (shape)
        {
            case 0:
                activity["conversation"] = new JsonObject { ["id"] = conversationId, ["isGroup"] = true, ["conversationType"] = "groupChat", ["name"] = "Fuzz chat" };
                break;
            case 1:
                activity["conversation"] = new JsonObject { ["id"] = channel + ";messageid=1732440000000", ["isGroup"] = true, ["conversationType"] = "channel" };
                activity["channelData"] = new JsonObject { ["team"] = team, ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" } };
                break;
            case 2 or 3:
                activity["type"] = "conversationUpdate";
                activity.Remove("text");
                activity["conversation"] = new JsonObject { ["id"] = channel, ["isGroup"] = true, ["conversationType"] = "channel" };
                activity[shape == 2 ? "membersAdded" : "membersRemoved"] = new JsonArray(new JsonObject { ["id"] = bot });
                activity["channelData"] = new JsonObject
                {
                    ["eventType"] = shape == 2 ? "teamMemberAdded" : "teamMemberRemoved",
                    ["team"] = team,
                    ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" },
                };
                break;
            default:
                activity["type"] = "installationUpdate";
                activity.Remove("text");
                activity["action"] = shape == 4 ? "add" : "remove";
                activity["conversation"] = new JsonObject { ["id"] = channel, ["isGroup"] = true, ["conversationType"] = "channel" };
                activity["channelData"] = new JsonObject { ["team"] = team, ["source"] = new JsonObject { ["name"] = "team" } };
                break;
        }

        return activity;
    }

    private string Pick(string[] values) => values[hostile.Random.Next(values.Length)];

    /// <returns>The kind of mutation, for failure messages.</returns>
    private static string Set(JsonObject activity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonObject parent = activity;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject inner)
            {
                inner = new JsonObject();
                parent[part] = inner;
            }

            parent = inner;
        }

        parent[parts[^1]] = value;
        return $"{path} = {(value?.ToJsonString() is { } json ? json[..Math.Min(40, json.Length)] : "null")}";
    }
}
