using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The body of <c>POST /emulator/groups</c>, checked: <c>{"kind", "name"?, "teamId"?, "teamName"?, "tenantId"?, "members"}</c>.
/// </summary>
internal sealed record GroupRequest(GroupKind Kind, string? Name, string? TeamId, string? TeamName, string? TenantId, IReadOnlyList<GroupMember> Members)
{
    public const int MaxMembers = 100;

    public const string Shape = "{\"kind\": \"groupChat\"|\"channel\", \"name\"?, \"teamId\"?, \"teamName\"?, \"tenantId\"?, \"members\": [{\"id\", \"name\"?, \"aadObjectId\"?}]}";

    /// <summary>The request, or null and the first thing wrong with it.</summary>
    public static (GroupRequest? Request, string? Problem) Read(ControlBody body)
    {
        body.Allow("kind", "name", "teamId", "teamName", "tenantId", "members");
        var kindName = body.String("kind");
        var name = body.String("name");
        var teamId = body.String("teamId");
        var teamName = body.String("teamName");
        var tenantId = body.String("tenantId");
        var membersJson = body.Array("members");
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        if (GroupKinds.Parse(kindName) is not { } kind)
        {
            return (null, $"kind must be \"{GroupKinds.GroupChat}\" or \"{GroupKinds.Channel}\".");
        }
        if ((TextProblem("name", name) ?? TextProblem("teamId", teamId) ?? TextProblem("teamName", teamName) ?? TextProblem("tenantId", tenantId)) is { } textProblem)
        {
            return (null, textProblem);
        }

        if (teamId is not null)
        {
            // A new channel of an existing team: Teams gives it the team's roster and tenant, so nothing else may be said.
            if (kind != GroupKind.Channel)
            {
                return (null, "teamId is for a channel: a group chat belongs to no team.");
            }
            if (name is null)
            {
                return (null, "name is required for a new channel of a team (the team's first channel is General).");
            }
            if (membersJson is not null || teamName is not null || tenantId is not null)
            {
                return (null, "A new channel of an existing team takes the team's members, name and tenant: send only kind, teamId and name.");
            }
            return (new GroupRequest(kind, name, teamId, null, null, []), null);
        }

        if (teamName is not null && kind != GroupKind.Channel)
        {
            return (null, "teamName is for a channel: a group chat belongs to no team.");
        }
        var (members, membersProblem) = ReadMembers(membersJson);
        return membersProblem is not null ? (null, membersProblem) : (new GroupRequest(kind, name, null, teamName, tenantId, members!), null);
    }

    private static (IReadOnlyList<GroupMember>? Members, string? Problem) ReadMembers(JsonArray? json)
    {
        if (json is null || json.Count == 0)
        {
            return (null, "members must list at least one user: [{\"id\": \"ada\"}].");
        }
        if (json.Count > MaxMembers)
        {
            return (null, $"members lists {json.Count} users; at most {MaxMembers}.");
        }

        var members = new List<GroupMember>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < json.Count; i++)
        {
            if (json[i] is not JsonObject memberJson)
            {
                return (null, $"members[{i}] must be an object: {{\"id\", \"name\"?, \"aadObjectId\"?}}.");
            }
            var member = ControlBody.Of(memberJson);
            member.Allow("id", "name", "aadObjectId");
            var id = member.String("id");
            var name = member.String("name");
            var aadObjectId = member.String("aadObjectId");
            if (member.Problem is { } problem)
            {
                return (null, $"members[{i}]: {problem}");
            }
            if (string.IsNullOrWhiteSpace(id))
            {
                return (null, $"members[{i}].id must be a non-empty string.");
            }
            if ((TextProblem($"members[{i}].id", id) ?? TextProblem($"members[{i}].name", name) ?? TextProblem($"members[{i}].aadObjectId", aadObjectId)) is { } textProblem)
            {
                return (null, textProblem);
            }
            if (!ids.Add(id))
            {
                return (null, $"members[{i}].id '{id}' is listed twice.");
            }
            // Teams always names a user's Entra object id; one is made up when not given, so the bot sees the real shape.
            members.Add(new GroupMember(id, name ?? id, aadObjectId ?? Guid.NewGuid().ToString()));
        }
        return (members, null);
    }

    // Ids and names end up in URLs, logs and JSON the bot parses: control characters have no business there.
    private static string? TextProblem(string field, string? value) =>
        value is null ? null
        : value.Length == 0 ? $"{field} must not be empty."
        : value.Any(char.IsControl) ? $"{field} must not contain control characters."
        : null;
}
