using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>One message for an exchange, as any AMQP client could publish it.</summary>
/// <param name="Kind">What the generator did, for failure messages.</param>
/// <param name="Exchange">The message type's exchange.</param>
/// <param name="ContentType">The AMQP content type, or null for none.</param>
/// <param name="Body">The bytes published.</param>
/// <param name="UserId">The user the message names, when it is a capture (for the partial-records check).</param>
public sealed record HostileBusMessage(string Kind, string Exchange, string? ContentType, byte[] Body, string? UserId);

/// <summary>Malformed and hostile commands and events for the services' queues, enveloped or as plain JSON.</summary>
public sealed class HostileBusMessages(HostileJson hostile, string serviceUrl)
{
    public const string SendNotificationExchange = "ProactiveSuite.Contracts.Notifications:SendNotification";
    public const string ReferenceCapturedExchange = "ProactiveSuite.Contracts.References:ReferenceCaptured";
    public const string EraseUserDataExchange = "ProactiveSuite.Contracts.Privacy:EraseUserData";
    private const string Envelope = "application/vnd.masstransit+json";
    private const string PlainJson = "application/json";

    public HostileBusMessage Create(int index, string runId)
    {
        var userId = $"fuzzbus-{runId}-{index}";
        var (exchange, message) = (index % 3) switch
        {
            0 => (SendNotificationExchange, Notification(userId)),
            1 => (ReferenceCapturedExchange, Capture(userId)),
            _ => (EraseUserDataExchange, Erasure(userId)),
        };
        var capturedUser = exchange == ReferenceCapturedExchange ? userId : null;
        var enveloped = exchange != ReferenceCapturedExchange && hostile.Random.Next(2) == 0 ? false : true;

        var (kind, body) = (index / 3 % 9) switch
        {
            0 => ("wrong type", Serialize(Mutate(message, hostile.AnyValue()), enveloped, exchange)),
            1 => ("nulls", Serialize(Nulls(message), enveloped, exchange)),
            2 => ("huge", Serialize(Mutate(message, hostile.HugeText(10_000, 1_000_000)), enveloped, exchange)),
            3 => ("deep", Encoding.UTF8.GetBytes(Text(message, enveloped, exchange)[..^1] + ", \"extra\": " + hostile.Deep(hostile.Random.Next(65, 3000)) + "}")),
            4 => ("lone surrogate", Encoding.UTF8.GetBytes(Text(message, enveloped, exchange)[..^1] + ", \"extra\": " + hostile.LoneSurrogateLiteral() + "}")),
            5 => ("invalid UTF-8", hostile.InvalidUtf8(Text(message, enveloped, exchange))),
            6 => ("garbage", hostile.Random.Next(3) == 0 ? [] : hostile.RandomBytes(3000)),
            7 => ("truncated", Truncated(Text(message, enveloped, exchange))),
            _ => ("odd but well-formed", Serialize(Odd(message), enveloped, exchange)),
        };

        var contentType = hostile.Random.Next(10) switch
        {
            0 => null,
            1 => "text/plain",
            2 => "application/vnd.masstransit+xml",
            _ => enveloped ? Envelope : PlainJson,
        };
        return new HostileBusMessage($"{kind} ({contentType ?? "no content type"})", exchange, contentType, body, capturedUser);
    }

    private static JsonObject Notification(string userId) => new()
    {
        ["notificationId"] = "fuzz-" + userId,
        ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = userId },
        ["text"] = "fuzz",
        ["createConversationIfMissing"] = false,
    };

    private JsonObject Capture(string userId) => new()
    {
        ["address"] = new JsonObject
        {
            ["channelId"] = "emulator",
            ["serviceUrl"] = serviceUrl,
            ["conversation"] = new JsonObject { ["id"] = "fuzz-conv-" + userId, ["isGroup"] = false, ["name"] = null, ["teamId"] = null, ["teamName"] = null },
            ["user"] = new JsonObject { ["id"] = userId, ["name"] = "Fuzz" },
            ["bot"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["locale"] = "en-US",
        },
        ["activityId"] = "a-" + userId,
        ["activityType"] = "message",
        ["activityTimestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static JsonObject Erasure(string userId) => new()
    {
        ["requestId"] = "fuzz-" + userId,
        ["channelId"] = "emulator",
        ["userId"] = userId,
    };

    /// <summary>Replaces one member, possibly a nested one, with <paramref name="value"/>.</summary>
    private JsonObject Mutate(JsonObject message, JsonNode? value)
    {
        var target = message;
        while (true)
        {
            var names = target.Select(p => p.Key).ToList();
            var name = names[hostile.Random.Next(names.Count)];
            if (target[name] is JsonObject inner && hostile.Random.Next(2) == 0)
            {
                target = inner;
                continue;
            }

            // The user id stays, so a capture that gets stored can be found again.
            if (name is "id" && target.Parent?.GetPropertyName() == "user")
            {
                name = "name";
            }

            target[name] = value;
            return message;
        }
    }

    private JsonObject Nulls(JsonObject message)
    {
        foreach (var name in message.Select(p => p.Key).ToList().Where(_ => hostile.Random.Next(2) == 0))
        {
            message[name] = null;
        }

        return message;
    }

    private JsonObject Odd(JsonObject message)
    {
        if (message["text"] is not null)
        {
            message["text"] = hostile.OddText();
        }

        // A recipient must name exactly one of a user and a group conversation, one usable in the connector's URL.
        if (message["recipient"] is JsonObject recipient && hostile.Random.Next(2) == 0)
        {
            switch (hostile.Random.Next(4))
            {
                case 0:
                    recipient["conversationId"] = "19:fuzz@thread.v2";
                    break;
                case 1:
                    recipient.Remove("userId");
                    break;
                case 2:
                    recipient.Remove("userId");
                    recipient["conversationId"] = hostile.Random.Next(5) switch { 0 => "", 1 => "..", 2 => "a/b", 3 => "x?y", _ => hostile.HugeText(513, 5000) };
                    break;
                default:
                    recipient["userId"] = null;
                    recipient["conversationId"] = null;
                    break;
            }
        }

        if (message["address"]?["user"] is JsonObject user)
        {
            user["name"] = hostile.OddText();
        }

        if (message["address"] is JsonObject address && hostile.Random.Next(2) == 0)
        {
            address["serviceUrl"] = "https://smba.trafficmanager.net.evil.example/";
        }

        if (message["activityTimestamp"] is not null && hostile.Random.Next(2) == 0)
        {
            message["activityTimestamp"] = "0001-01-01T00:00:00+00:00";
        }

        return message;
    }

    private byte[] Truncated(string text) => Encoding.UTF8.GetBytes(text[..hostile.Random.Next(Math.Max(1, text.Length))]);

    private static byte[] Serialize(JsonObject message, bool enveloped, string exchange) => Encoding.UTF8.GetBytes(Text(message, enveloped, exchange));

    private static string Text(JsonObject message, bool enveloped, string exchange) => enveloped
        ? new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["messageType"] = new JsonArray("urn:message:" + exchange),
            ["message"] = message,
        }.ToJsonString()
        : message.ToJsonString();
}
