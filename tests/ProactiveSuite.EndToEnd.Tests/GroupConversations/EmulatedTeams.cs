using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>A group chat or Teams channel as the emulator made it (<c>POST /emulator/groups</c>).</summary>
public sealed record EmulatedGroup(string ConversationId, string Kind, string? Name, string? TeamId, string? TeamName, string TenantId, IReadOnlyList<string> Members)
{
    public static EmulatedGroup From(JsonObject group) => new(
        (string)group["conversationId"]!,
        (string)group["kind"]!,
        (string?)group["name"],
        (string?)group["teamId"],
        (string?)group["teamName"],
        (string)group["tenantId"]!,
        group["members"]!.AsArray().Select(m => (string)m!["id"]!).ToList());
}

/// <summary>
/// Teams as the stories act it, over HTTP only: groups made in the channel emulator (its group routes), the bot
/// added and removed, members writing, and what an operator then sees and does: the Registry's group
/// conversations, notifications and broadcasts, their status, and the posts in the emulator's transcript.
/// </summary>
public sealed class EmulatedTeams(IGroupConversationStage stage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewTenant() => Guid.NewGuid().ToString();

    /// <summary>A Teams user id (<c>29:…</c>).</summary>
    public static string NewMember(string name) => $"29:{name}-{Guid.NewGuid():N}";

    public static string NewTag() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A new team: its General channel, whose id is the team's.</summary>
    public Task<EmulatedGroup> NewTeamAsync(string tenant, string teamName, params string[] members) =>
        CreateAsync(new JsonObject { ["kind"] = "channel", ["teamName"] = teamName, ["tenantId"] = tenant, ["members"] = Members(members) });

    /// <summary>Another channel of <paramref name="team"/> (its members are the team's).</summary>
    public Task<EmulatedGroup> NewChannelAsync(EmulatedGroup team, string name) =>
        CreateAsync(new JsonObject { ["kind"] = "channel", ["teamId"] = team.TeamId, ["name"] = name });

    public Task<EmulatedGroup> NewGroupChatAsync(string tenant, string? topic, params string[] members) =>
        CreateAsync(new JsonObject { ["kind"] = "groupChat", ["name"] = topic, ["tenantId"] = tenant, ["members"] = Members(members) });

    /// <summary>The bot is added (Teams' <c>conversationUpdate</c> to the Gateway), and the Registry has the conversation.</summary>
    public async Task<JsonObject> AddsBotAsync(EmulatedGroup group)
    {
        await AcceptedByTheBotAsync(await stage.Http.PostAsync($"/emulator/groups/{Escaped(group.ConversationId)}/bot", null, Ct), $"adding the bot to {group.ConversationId}");
        return await StoredAsync(group, _ => true, "the conversation the bot was added to");
    }

    /// <summary>The bot is removed (Teams' <c>conversationUpdate</c> with <c>membersRemoved</c>), and the Registry has revoked the conversation.</summary>
    public async Task<JsonObject> RemovesBotAsync(EmulatedGroup group)
    {
        await AcceptedByTheBotAsync(await stage.Http.DeleteAsync($"/emulator/groups/{Escaped(group.ConversationId)}/bot", Ct), $"removing the bot from {group.ConversationId}");
        return await RevokedAsync(group);
    }

    /// <summary><paramref name="member"/> writes in the group (a new post in a channel); returns the activity's id once the Registry captured it.</summary>
    public async Task<string> WritesAsync(EmulatedGroup group, string member, string text)
    {
        var response = await stage.Http.PostAsJsonAsync($"/emulator/groups/{Escaped(group.ConversationId)}/messages", new { from = member, text }, Ct);
        var answer = await AcceptedByTheBotAsync(response, $"{member} writing in {group.ConversationId}");
        var activityId = (string)answer["activityId"]!;
        await StoredAsync(group, stored => (string?)stored["lastActivityId"] == activityId, $"the message {activityId} captured");
        return activityId;
    }

    /// <summary>The Registry's stored conversation (<c>GET /conversations/{channelId}/{id}</c>), once <paramref name="until"/> holds for it.</summary>
    public Task<JsonObject> StoredAsync(EmulatedGroup group, Func<JsonObject, bool> until, string what) =>
        Eventually.Until(
            async () => await ConversationAsync(group) is (HttpStatusCode.OK, { } stored) && until(stored) ? stored : null,
            $"{what}: {group.ConversationId} in the Registry",
            stage.Logs);

    /// <summary>The Registry's 404 for a conversation it revoked.</summary>
    public Task<JsonObject> RevokedAsync(EmulatedGroup group) =>
        Eventually.Until(
            async () => await ConversationAsync(group) is (HttpStatusCode.NotFound, { } problem) && problem["revokedReasonCode"] is not null ? problem : null,
            $"{group.ConversationId} revoked in the Registry",
            stage.Logs);

    public async Task<(HttpStatusCode Status, JsonObject? Body)> ConversationAsync(EmulatedGroup group)
    {
        using var response = await stage.Http.GetAsync($"/conversations/{AsTeams.ChannelId}/{Escaped(group.ConversationId)}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, body.Length > 0 ? JsonNode.Parse(body)?.AsObject() : null);
    }

    /// <summary>Every page of <c>GET /conversations?channelId=msteams&amp;{query}</c>: the conversation ids, in order.</summary>
    public async Task<IReadOnlyList<string>> ListedAsync(string query)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var url = $"/conversations?channelId={AsTeams.ChannelId}&{query}&limit=2" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            using var response = await stage.Http.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
            ids.AddRange(page["items"]!.AsArray().Select(i => (string)i!["address"]!["conversation"]!["id"]!));
            after = (string?)page["next"];
        }
        while (after is not null);
        return ids;
    }

    /// <summary><c>POST /notifications</c>; returns its id.</summary>
    public async Task<string> NotifiesAsync(object recipient, string text, bool createConversationIfMissing = false)
    {
        var id = "n-" + Guid.NewGuid().ToString("N");
        using var accepted = await stage.Http.PostAsJsonAsync("/notifications", new { notificationId = id, recipient, text, createConversationIfMissing }, Ct);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"POST /notifications answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync(Ct)}");
        return id;
    }

    /// <summary><c>POST /broadcasts</c> to a tenant's group conversations of <paramref name="scope"/>; returns its id.</summary>
    public async Task<string> BroadcastsAsync(string tenant, string scope, string text)
    {
        var id = "b-" + Guid.NewGuid().ToString("N");
        using var accepted = await stage.Http.PostAsJsonAsync("/broadcasts", new { notificationId = id, audience = new { channelId = AsTeams.ChannelId, tenantId = tenant, scope }, text }, Ct);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"POST /broadcasts answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync(Ct)}");
        return id;
    }

    /// <summary>The notification's one recipient (<c>/notifications/{id}/recipients</c>) once settled: delivered or failed.</summary>
    public Task<JsonObject> SettledAsync(string id) =>
        Eventually.Until(
            async () => (await RecipientsAsync(id)).SingleOrDefault() is { } row && (string?)row["state"] is "Delivered" or "Failed" ? row : null,
            $"notification {id} settled",
            stage.Logs);

    public async Task<IReadOnlyList<JsonObject>> RecipientsAsync(string id)
    {
        using var response = await stage.Http.GetAsync($"/notifications/{id}/recipients?limit=1000", Ct);
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["items"]!.AsArray().Select(i => i!.AsObject()).ToList()
            : [];
    }

    /// <summary>The status (<c>GET /notifications/{id}</c>) once <paramref name="until"/> holds for it.</summary>
    public Task<JsonObject> StatusAsync(string id, Func<JsonObject, bool> until, string what) =>
        Eventually.Until(
            async () =>
            {
                using var response = await stage.Http.GetAsync($"/notifications/{id}", Ct);
                return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<JsonObject>(Ct) is { } status && until(status) ? status : null;
            },
            $"notification {id}: {what}",
            stage.Logs);

    /// <summary>The status of a broadcast once every recipient is settled.</summary>
    public Task<JsonObject> FinishedAsync(string id) => StatusAsync(id, s => s["finishedAt"] is not null, "finished");

    public async Task<string[]> CsvAsync(string id) =>
        (await stage.Http.GetStringAsync($"/notifications/{id}/recipients.csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What the emulator recorded in a conversation: members' posts and the bot's, each with <c>direction</c> and <c>operation</c>.</summary>
    public async Task<IReadOnlyList<JsonObject>> TranscriptAsync(string conversationId)
    {
        using var response = await stage.Http.GetAsync($"/emulator/conversations/{Escaped(conversationId)}/activities", Ct);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray().Select(a => a!.AsObject()).ToList()
            : [];
    }

    /// <summary>The bot's posts of <paramref name="text"/> in a conversation.</summary>
    public async Task<IReadOnlyList<JsonObject>> PostsAsync(string conversationId, string text) =>
        (await TranscriptAsync(conversationId)).Where(a => (string?)a["direction"] == "toUser" && (string?)a["text"] == text).ToList();

    /// <summary>The conversations the bot created (<c>GET /emulator/created</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> CreatedAsync() =>
        JsonNode.Parse(await stage.Http.GetStringAsync("/emulator/created", Ct))!.AsArray().Select(c => c!.AsObject()).ToList();

    /// <summary>A fault rule the emulator's connector applies (<c>POST /emulator/faults</c>).</summary>
    public async Task FaultAsync(object rule)
    {
        using var added = await stage.Http.PostAsJsonAsync("/emulator/faults", rule, Ct);
        Assert.True(added.IsSuccessStatusCode, $"POST /emulator/faults answered {(int)added.StatusCode}: {await added.Content.ReadAsStringAsync(Ct)}");
    }

    public static string Escaped(string id) => Uri.EscapeDataString(id);

    private async Task<EmulatedGroup> CreateAsync(JsonObject body)
    {
        using var response = await stage.Http.PostAsJsonAsync("/emulator/groups", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /emulator/groups answered {(int)response.StatusCode}: {text}");
        return EmulatedGroup.From(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The emulator's 202, and the Gateway's own answer in it: the bot took the activity.</summary>
    private static async Task<JsonObject> AcceptedByTheBotAsync(HttpResponseMessage response, string what)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{what}: the emulator answered {(int)response.StatusCode}: {text}");
            var answer = JsonNode.Parse(text)!.AsObject();
            Assert.True(answer["gatewayStatus"] is { } status && status.GetValue<int>() is >= 200 and < 300, $"{what}: the Gateway refused it: {text}");
            return answer;
        }
    }

    private static JsonArray Members(IEnumerable<string> ids) => new([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["aadObjectId"] = Guid.NewGuid().ToString() })]);
}
