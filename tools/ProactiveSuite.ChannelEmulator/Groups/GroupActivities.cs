using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The activities Teams sends a bot in a group chat or a team's channel (see shared/activities/teams-bot-added-to-team.json
/// and shared/connector-facts.md): <c>conversation</c> with <c>isGroup</c>, <c>conversationType</c> and <c>tenantId</c>;
/// <c>channelData</c> with the tenant and, in a channel, the team and the channel.
/// </summary>
internal static class GroupActivities
{
    /// <summary>The bot was added by the group's first member: a conversationUpdate with the bot in membersAdded.</summary>
    public static JsonObject BotAdded(EmulatedGroup group, string eventNumber, ChannelEmulatorOptions options, string serviceUrl, DateTimeOffset now)
    {
        var activity = MembershipChange(group, eventNumber, options, serviceUrl, now, "teamMemberAdded");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = options.BotId });
        return activity;
    }

    /// <summary>The bot was removed by the group's first member: a conversationUpdate with the bot in membersRemoved.</summary>
    public static JsonObject BotRemoved(EmulatedGroup group, string eventNumber, ChannelEmulatorOptions options, string serviceUrl, DateTimeOffset now)
    {
        var activity = MembershipChange(group, eventNumber, options, serviceUrl, now, "teamMemberRemoved");
        activity["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = options.BotId });
        return activity;
    }

    /// <summary>
    /// <paramref name="from"/> posts <paramref name="text"/>. In a channel every message belongs to a thread, named in
    /// <c>conversation.id</c> (<c>;messageid={root}</c>): the thread <paramref name="replyToId"/> starts, else a new one rooted at this message.
    /// </summary>
    public static JsonObject Message(
        EmulatedGroup group, GroupMember from, string text, string activityId, string? replyToId, ChannelEmulatorOptions options, string serviceUrl, DateTimeOffset now)
    {
        var conversationId = group.Kind == GroupKind.Channel
            ? ChannelThreadIds.InThread(group.ConversationId, replyToId ?? activityId)
            : group.ConversationId;
        var activity = Envelope("message", activityId, group, conversationId, from, options, serviceUrl, now);
        activity["textFormat"] = "plain";
        activity["locale"] = "en-US";
        activity["text"] = text;
        if (replyToId is not null)
        {
            activity["replyToId"] = replyToId;
        }
        activity["channelData"] = ChannelData(group, eventType: null);
        return activity;
    }

    private static JsonObject MembershipChange(
        EmulatedGroup group, string eventNumber, ChannelEmulatorOptions options, string serviceUrl, DateTimeOffset now, string channelEventType)
    {
        // Teams' ids for system events: "f:" and a number.
        var activity = Envelope("conversationUpdate", "f:" + eventNumber, group, group.ConversationId, group.Members[0], options, serviceUrl, now);
        // Teams names the event only in a team; a group chat's conversationUpdate has no eventType.
        activity["channelData"] = ChannelData(group, group.Kind == GroupKind.Channel ? channelEventType : null);
        return activity;
    }

    private static JsonObject Envelope(
        string type, string id, EmulatedGroup group, string conversationId, GroupMember from, ChannelEmulatorOptions options, string serviceUrl, DateTimeOffset now)
    {
        var conversation = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = GroupKinds.Name(group.Kind),
            ["tenantId"] = group.TenantId,
            ["id"] = conversationId,
        };
        // A channel's name travels in channelData.channel; a chat's topic, when it has one, in the conversation.
        if (group.Kind == GroupKind.GroupChat && group.Name is not null)
        {
            conversation["name"] = group.Name;
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = JsonText.UtcTimestamp(now),
            ["localTimestamp"] = JsonText.LocalTimestamp(now.ToLocalTime()),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = options.ChannelId,
            ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = options.BotId, ["name"] = options.BotName },
        };
    }

    private static JsonObject ChannelData(EmulatedGroup group, string? eventType)
    {
        var channelData = new JsonObject();
        if (group.Kind == GroupKind.Channel)
        {
            channelData["teamsChannelId"] = group.ConversationId;
            channelData["teamsTeamId"] = group.TeamId;
            channelData["channel"] = new JsonObject { ["id"] = group.ConversationId, ["name"] = group.Name };
            channelData["team"] = new JsonObject { ["id"] = group.TeamId, ["name"] = group.TeamName };
        }
        if (eventType is not null)
        {
            channelData["eventType"] = eventType;
        }
        channelData["tenant"] = new JsonObject { ["id"] = group.TenantId };
        return channelData;
    }
}
