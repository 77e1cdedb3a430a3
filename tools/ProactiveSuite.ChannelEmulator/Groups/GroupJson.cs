using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Groups as the control routes show them.</summary>
internal static class GroupJson
{
    public static JsonObject Group(EmulatedGroup group)
    {
        var json = new JsonObject
        {
            ["conversationId"] = group.ConversationId,
            ["kind"] = GroupKinds.Name(group.Kind),
            ["name"] = group.Name,
        };
        if (group.Kind == GroupKind.Channel)
        {
            json["teamId"] = group.TeamId;
            json["teamName"] = group.TeamName;
        }
        json["tenantId"] = group.TenantId;
        json["members"] = Members(group.Members);
        json["botPresent"] = group.BotPresent;
        return json;
    }

    public static JsonArray Groups(IEnumerable<EmulatedGroup> groups) => [.. groups.Select(Group)];

    /// <summary>The members as ChannelAccounts, the shape of the connector's roster and of <c>from</c>.</summary>
    public static JsonArray Members(IEnumerable<GroupMember> members) =>
        [.. members.Select(m => new JsonObject { ["id"] = m.Id, ["name"] = m.Name, ["aadObjectId"] = m.AadObjectId })];
}
