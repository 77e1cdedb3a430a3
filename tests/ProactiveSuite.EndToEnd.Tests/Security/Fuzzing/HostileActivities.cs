using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>One body for /api/messages, and whether it is well-formed enough that the bot must take it.</summary>
/// <param name="Kind">What the generator did, for failure messages.</param>
/// <param name="Body">The bytes posted.</param>
/// <param name="UserId">The from.id the activity meant to carry (unique per activity).</param>
/// <param name="MustBeCaptured">A one-to-one message the Gateway must accept and the Registry must store.</param>
/// <param name="MustBeRefused">Of a class the Gateway must refuse with a 4xx (a 2xx lets it in, a 5xx makes the channel send it again).</param>
/// <param name="ContentType">The Content-Type it is posted with.</param>
/// <param name="MustBeTaken">Well-formed (a group activity), so the Gateway must accept it, though it stores no personal reference.</param>
public sealed record HostileActivity(string Kind, byte[] Body, string UserId, bool MustBeCaptured, bool MustBeRefused = false, string ContentType = "application/json", bool MustBeTaken = false);

/// <summary>Malformed and hostile activities, derived from the Bot Framework Emulator's message activity.</summary>
public sealed class HostileActivities(HostileJson hostile, JsonObject template, string serviceUrl)
{
    private static readonly string[] Members =
    [
        "type", "id", "timestamp", "serviceUrl", "channelId", "from", "conversation", "recipient", "text", "locale", "textFormat",
        "entities", "attachments", "channelData", "membersAdded", "membersRemoved", "action", "value", "replyToId", "name",
        "from.id", "from.name", "from.role", "conversation.id", "conversation.isGroup", "conversation.conversationType",
        "conversation.tenantId", "conversation.name", "recipient.id", "recipient.name",
    ];

    private static readonly string[] HostileServiceUrls =
    [
        "javascript:alert(1)", "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "https://evil.trafficmanager.net/",
        "https://smba.trafficmanager.net.evil.example/", "http://smba.trafficmanager.net/", "https://user:pw@smba.trafficmanager.net/",
        "https://smba.trafficmanager.net:444/", "//smba.trafficmanager.net", "https://[::1]:5005/", "gopher://x", "",
    ];

    private static readonly string[] Types =
    [
        "message", "conversationUpdate", "installationUpdate", "typing", "event", "messageReaction", "endOfConversation",
        "deleteUserData", "messageUpdate", "messageDelete", "handoff", "trace", "MESSAGE", "Message", "unknown-type",
        // "invoke" is left out: the SDK answers an invoke the bot does not handle with 501, as the protocol defines.
    ];

    /// <summary>Whitespace a user id must not begin or end with (no channel sends it; trimmed, it would be someone else's id).</summary>
    private static readonly string[] Whitespace = [" ", "\u00A0", "\u2003", "\u3000", "\u2028", "\u205F", "\u1680", "\u0085"];

    /// <summary>Ids a connector URL cannot take as a path segment: dot segments, and the delimiters servers decode or refuse.</summary>
    private static readonly string[] UnusablePathIds = [".", "..", "/", "\\", "a/b", "..\\x", "x?y=1", "x#y", "%2e%2e/x", "a/../../b"];

    /// <summary>Content types a web page may send cross-site without a preflight, and others that are not JSON.</summary>
    private static readonly string[] NotJson =
    [
        "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x",
        "text/html", "application/xml", "application/octet-stream", "text/json", "application/jsonp", "application/json-patch", "",
    ];

    public HostileActivity Create(int index, string runId)
    {
        var userId = $"fuzz-{runId}-{index}";
        var activity = Valid(userId, index);
        var kind = (index % 18) switch
        {
            0 => OddButValid(activity),
            1 => WrongType(activity),
            2 => Nulls(activity),
            3 => Huge(activity),
            4 => "deep",
            5 => "lone surrogate",
            6 => "invalid UTF-8",
            7 => "not an activity",
            8 => "truncated",
            9 => HostileServiceUrl(activity),
            10 => ControlCharacters(activity),
            11 => DuplicateMember(activity),
            12 => OtherType(activity),
            13 => OddMembers(activity),
            14 => TeamsChannelDataOfAnotherShape(activity),
            15 => UnusablePathId(activity),
            16 => WhitespaceAroundUserId(activity, userId),
            _ => "not declared JSON",
        };

        var json = activity.ToJsonString();
        byte[] body = kind switch
        {
            "deep" => Encoding.UTF8.GetBytes(json[..^1] + ", \"channelData\": " + hostile.Deep(hostile.Random.Next(65, 5000)) + "}"),
            "lone surrogate" => Encoding.UTF8.GetBytes(json[..^1] + ", \"" + Pick(["value", "summary", "speak", "inputHint"]) + "\": " + hostile.LoneSurrogateLiteral() + "}"),
            "invalid UTF-8" => hostile.InvalidUtf8(json),
            "not an activity" => NotAnActivity(),
            "truncated" => Encoding.UTF8.GetBytes(json[..hostile.Random.Next(json.Length)]),
            "duplicate member" => Encoding.UTF8.GetBytes(json[..^1] + ", \"" + Pick(["ServiceUrl", "SERVICEURL", "From", "channelid", "Type"]) + "\": " + Pick(["\"https://attacker.example.com/\"", "{\"id\": \"x\"}", "\"msteams\"", "\"message\""]) + "}"),
            _ => Encoding.UTF8.GetBytes(json),
        };
        string[] refused = ["teams channelData of another shape", "unusable path id", "whitespace around the user id", "not declared JSON"];
        return new HostileActivity(
            kind,
            body,
            userId,
            kind == "odd but valid",
            refused.Contains(kind),
            kind == "not declared JSON" ? Pick(NotJson) : "application/json");
    }

    private JsonObject Valid(string userId, int index)
    {
        var activity = template.DeepClone().AsObject();
        activity["id"] = $"fuzz-activity-{index}";
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        activity["serviceUrl"] = serviceUrl;
        activity["from"]!["id"] = userId;
        activity["conversation"]!["id"] = "fuzz-conv-" + userId;
        return activity;
    }

    private string OddButValid(JsonObject activity)
    {
        activity["text"] = hostile.OddText() + " " + hostile.OddText();
        // Names are shown, not parsed: anything goes but control characters, which the Gateway refuses in stored texts.
        activity["from"]!["name"] = new string([.. hostile.OddText().Where(c => !char.IsControl(c))]);
        return "odd but valid";
    }

    private string WrongType(JsonObject activity)
    {
        Set(activity, Pick(Members), hostile.AnyValue());
        return "wrong type";
    }

    private string Nulls(JsonObject activity)
    {
        foreach (var member in Members.Where(_ => hostile.Random.Next(3) == 0))
        {
            Set(activity, member, null);
        }

        return "nulls";
    }

    private string Huge(JsonObject activity)
    {
        Set(activity, Pick(Members), hostile.HugeText(512, hostile.Random.Next(2) == 0 ? 10_000 : 320_000));
        return "huge";
    }

    private string HostileServiceUrl(JsonObject activity)
    {
        activity["serviceUrl"] = Pick(HostileServiceUrls);
        return "hostile serviceUrl";
    }

    private string ControlCharacters(JsonObject activity)
    {
        Set(activity, Pick(["from.id", "conversation.id", "recipient.id", "channelId", "type", "from.name"]), "x\u0000\u001b[31m\r\ny");
        return "control characters";
    }

    private static string DuplicateMember(JsonObject activity) => "duplicate member";

    private string OtherType(JsonObject activity)
    {
        activity["type"] = Pick(Types);
        if (hostile.Random.Next(2) == 0)
        {
            activity["membersAdded"] = hostile.Random.Next(4) switch
            {
                0 => new JsonArray(null, new JsonObject { ["id"] = null }),
                1 => new JsonArray(new JsonObject { ["id"] = activity["from"]!["id"]!.GetValue<string>() }),
                2 => JsonValue.Create("everyone"),
                _ => new JsonArray(new JsonObject(), JsonValue.Create(42)),
            };
        }

        if (hostile.Random.Next(2) == 0)
        {
            activity["action"] = Pick(["remove", "add", "REMOVE-upgrade", ""]);
        }

        return "other type";
    }

    private string TeamsChannelDataOfAnotherShape(JsonObject activity)
    {
        activity["channelId"] = "msteams";
        activity["conversation"]!.AsObject().Remove("tenantId");
        JsonNode? id = hostile.Random.Next(5) switch
        {
            0 => new JsonObject { ["id"] = "x" },
            1 => new JsonArray("x", 1),
            2 => JsonValue.Create(hostile.Random.Next()),
            3 => JsonValue.Create(true),
            _ => JsonValue.Create(1.5),
        };
        var member = Pick(["tenant", "team", "channel"]);
        activity["channelData"] = hostile.Random.Next(4) == 0
            ? new JsonObject { [member] = JsonNode.Parse(Pick(["\"t\"", "[]", "7"])) }
            : new JsonObject { [member] = new JsonObject { ["id"] = id, ["name"] = "x" } };
        return "teams channelData of another shape";
    }

    private string UnusablePathId(JsonObject activity)
    {
        var id = Pick(UnusablePathIds);
        switch (hostile.Random.Next(3))
        {
            case 0:
                activity["conversation"]!["id"] = id;
                break;
            case 1:
                activity["id"] = id;
                break;
            default:
                activity["replyToId"] = id;
                break;
        }

        return "unusable path id";
    }

    private string WhitespaceAroundUserId(JsonObject activity, string userId)
    {
        var whitespace = Pick(Whitespace);
        activity["from"]!["id"] = hostile.Random.Next(3) switch
        {
            0 => whitespace + userId,
            1 => userId + whitespace,
            _ => whitespace + userId + Pick(Whitespace),
        };
        return "whitespace around the user id";
    }

    private string OddMembers(JsonObject activity)
    {
        activity[Pick(["entities", "attachments", "membersRemoved", "value"])] = new JsonArray(null, hostile.AnyValue(), new JsonObject { ["type"] = null, ["contentType"] = 5 });
        return "odd members";
    }

    private byte[] NotAnActivity() => hostile.Random.Next(8) switch
    {
        0 => [],
        1 => "   "u8.ToArray(),
        2 => "null"u8.ToArray(),
        3 => "[{\"type\":\"message\"}]"u8.ToArray(),
        4 => "\"message\""u8.ToArray(),
        5 => "{\"type\": \"message\", /* comment */ \"text\": 'single'}"u8.ToArray(),
        6 => "{\"type\": NaN, \"text\": \"x\",}"u8.ToArray(),
        _ => hostile.RandomBytes(2000),
    };

    private string Pick(string[] values) => values[hostile.Random.Next(values.Length)];

    private static void Set(JsonObject activity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            activity[parts[0]] = value;
        }
        else if (activity[parts[0]] is JsonObject parent)
        {
            parent[parts[1]] = value;
        }
    }
}
