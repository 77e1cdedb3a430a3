using System.Net;
using System.Text.Json.Nodes;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>The group control routes (<c>/emulator/groups...</c>) as a test or the playground calls them.</summary>
public static class GroupCalls
{
    public static string Url(string conversationId, string? rest = null) =>
        $"emulator/groups/{Uri.EscapeDataString(conversationId)}{(rest is null ? "" : "/" + rest)}";

    public static JsonArray Members(params string[] ids) => [.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["name"] = "User " + id })];

    /// <summary>Creates a group and answers its JSON, failing the test unless the emulator answers 201.</summary>
    public static async Task<JsonObject> CreateAsync(BotCalls calls, JsonObject body)
    {
        using var response = await calls.PostAsync("emulator/groups", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BotCalls.JsonOf(response)).AsObject();
    }

    public static Task<JsonObject> ChatAsync(BotCalls calls, params string[] members) =>
        CreateAsync(calls, new JsonObject { ["kind"] = "groupChat", ["name"] = "Release crew", ["members"] = Members(members) });

    public static Task<JsonObject> TeamAsync(BotCalls calls, params string[] members) =>
        CreateAsync(calls, new JsonObject { ["kind"] = "channel", ["teamName"] = "Finance", ["members"] = Members(members) });

    public static async Task AddBotAsync(BotCalls calls, string conversationId)
    {
        using var response = await calls.PostAsync(Url(conversationId, "bot"), new JsonObject());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static Task<HttpResponseMessage> PostAsync(BotCalls calls, string conversationId, string from, string text, string? replyToId = null) =>
        calls.PostAsync(Url(conversationId, "messages"), new JsonObject { ["from"] = from, ["text"] = text, ["replyToId"] = replyToId });

    public static string Id(JsonObject group) => (string)group["conversationId"]!;
}
