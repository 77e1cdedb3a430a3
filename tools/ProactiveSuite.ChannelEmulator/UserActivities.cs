using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Who acts as the user, where, and when: what every activity a simulated user sends has in common.</summary>
internal sealed record UserTurn(string UserId, string UserName, string ConversationId, string ServiceUrl, DateTimeOffset Now);

/// <summary>
/// Builds the activities a channel sends to a bot on a user's behalf, shaped like the Bot Framework Emulator's
/// (see shared/activities/emulator-message.json), so the bot captures the same conversation references as in real use.
/// </summary>
internal static class UserActivities
{
    public static JsonObject Message(UserTurn turn, ChannelEmulatorOptions options, string text)
    {
        var activity = Envelope("message", turn, options);
        activity["textFormat"] = "plain";
        activity["locale"] = "en-US";
        activity["text"] = text;
        // The Emulator tags each message it sends with a client id; bots may log it, none should depend on it.
        activity["channelData"] = new JsonObject { ["clientActivityID"] = $"{turn.Now.ToUnixTimeMilliseconds()}{JsonText.NewId()[..3]}" };
        return InTenant(activity, options);
    }

    /// <summary>What a channel sends when a user opens a conversation with the bot: both of them join it.</summary>
    public static JsonObject Join(UserTurn turn, ChannelEmulatorOptions options)
    {
        var activity = Envelope("conversationUpdate", turn, options);
        activity["membersAdded"] = new JsonArray(User(turn), Bot(options));
        activity["locale"] = "en-US";
        return InTenant(activity, options);
    }

    /// <summary>
    /// What Teams sends when the user has read the conversation up to <paramref name="lastReadMessageId"/>
    /// (see shared/activities/teams-read-receipt.json).
    /// </summary>
    public static JsonObject ReadReceipt(UserTurn turn, ChannelEmulatorOptions options, string lastReadMessageId)
    {
        var activity = Envelope("event", turn, options);
        activity["id"] = "f:" + turn.Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        activity["name"] = ReadReceiptName;
        activity["conversation"]!["conversationType"] = "personal";
        activity["value"] = new JsonObject { ["lastReadMessageId"] = lastReadMessageId };
        return InTenant(activity, options);
    }

    /// <summary>The name of Teams' read receipt event.</summary>
    public const string ReadReceiptName = "application/vnd.microsoft.readReceipt";

    /// <summary>
    /// Looking like Teams (channel <c>msteams</c>), a user's activity names their tenant as Teams does, so the
    /// reference the bot captures can create a conversation again (Teams refuses a create without one).
    /// </summary>
    private static JsonObject InTenant(JsonObject activity, ChannelEmulatorOptions options)
    {
        if (!string.Equals(options.ChannelId, "msteams", StringComparison.OrdinalIgnoreCase))
        {
            return activity;
        }
        activity["conversation"]!["tenantId"] = EmulatorTenants.Default;
        var channelData = activity["channelData"] as JsonObject ?? new JsonObject();
        channelData["tenant"] = new JsonObject { ["id"] = EmulatorTenants.Default };
        activity["channelData"] = channelData;
        return activity;
    }

    private static JsonObject Envelope(string type, UserTurn turn, ChannelEmulatorOptions options) => new()
    {
        ["type"] = type,
        ["id"] = JsonText.NewId(),
        ["timestamp"] = JsonText.UtcTimestamp(turn.Now),
        ["localTimestamp"] = JsonText.LocalTimestamp(turn.Now.ToLocalTime()),
        ["serviceUrl"] = turn.ServiceUrl,
        ["channelId"] = options.ChannelId,
        ["from"] = User(turn),
        ["conversation"] = new JsonObject { ["id"] = turn.ConversationId },
        ["recipient"] = Bot(options),
    };

    private static JsonObject User(UserTurn turn) => new() { ["id"] = turn.UserId, ["name"] = turn.UserName, ["role"] = "user" };

    private static JsonObject Bot(ChannelEmulatorOptions options) => new() { ["id"] = options.BotId, ["name"] = options.BotName, ["role"] = "bot" };
}
