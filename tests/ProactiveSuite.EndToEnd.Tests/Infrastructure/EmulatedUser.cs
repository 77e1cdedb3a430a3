using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One user of the channel emulator inside a host, over its HTTP control API, as a person with curl would
/// be: what they say, what the bot answers, and what the bot sends them unasked.
/// </summary>
public sealed class EmulatedUser(ISurveyStage stage, string id)
{
    public string Id => id;

    public string ConversationId => "emu-" + id;

    public Recipient Recipient => new("emulator", id);

    public static EmulatedUser New(ISurveyStage stage) => new(stage, "user-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Says <paramref name="text"/>; returns the bot's replies to it, in order (the turn has ended when the emulator answers).</summary>
    public async Task<IReadOnlyList<string>> SaysAsync(string text)
    {
        var response = await stage.Http.PostAsJsonAsync($"/emulator/users/{id}/messages", new { text }, TestContext.Current.CancellationToken);
        return await RepliesAsync(response, $"'{text}'");
    }

    /// <summary>
    /// The user's first message: returns the bot's replies once the Registry has stored where to reach the
    /// user (it does so from an event, a moment after the turn), so that a survey started next finds them.
    /// </summary>
    public async Task<IReadOnlyList<string>> StartsConversationAsync(string text)
    {
        var replies = await SaysAsync(text);
        await Eventually.Until(
            async () => (await stage.Http.GetAsync($"/references/emulator/{id}", TestContext.Current.CancellationToken)).IsSuccessStatusCode ? "" : null,
            $"the reference of {id} in the registry",
            stage.Logs);
        return replies;
    }

    /// <summary>Sends a message carrying card data (what an Adaptive Card's Action.Submit sends); returns the bot's replies.</summary>
    public async Task<IReadOnlyList<string>> SubmitsAsync(JsonObject value)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "emulator",
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["from"] = new JsonObject { ["id"] = id, ["name"] = id },
            ["recipient"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["text"] = "",
            ["value"] = value,
        };
        var response = await stage.Http.PostAsJsonAsync("/emulator/activities", activity, TestContext.Current.CancellationToken);
        return await RepliesAsync(response, "a card submit");
    }

    /// <summary>
    /// Writes through a channel whose connector is at <paramref name="serviceUrl"/> (the emulator keeps it),
    /// so that the user's stored reference leads there; returns the emulator's status for the turn.
    /// </summary>
    public async Task<HttpStatusCode> WritesThroughAsync(Uri serviceUrl, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "emulator",
            ["serviceUrl"] = serviceUrl.ToString(),
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["from"] = new JsonObject { ["id"] = id, ["name"] = id },
            ["recipient"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["text"] = text,
        };
        var response = await stage.Http.PostAsJsonAsync("/emulator/activities?keepServiceUrl=true", activity, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Waits for a message the bot sent on its own (not a reply) whose text matches.</summary>
    public Task<JsonObject> ProactiveMessageAsync(Func<string, bool> match, string what) =>
        Eventually.Until(
            async () => (await TranscriptAsync()).FirstOrDefault(a => IsProactive(a) && match(a["text"]?.GetValue<string>() ?? "")),
            $"{what} in {ConversationId}",
            () => Describe(TranscriptAsync().GetAwaiter().GetResult()) + Environment.NewLine + stage.Logs());

    public async Task<IReadOnlyList<JsonObject>> TranscriptAsync()
    {
        var activities = await stage.Http.GetFromJsonAsync<JsonArray>($"/emulator/conversations/{ConversationId}/activities", TestContext.Current.CancellationToken);
        return [.. activities!.Select(a => a!.AsObject())];
    }

    /// <summary>The texts the bot sent on its own, in order.</summary>
    public async Task<IReadOnlyList<string>> ProactiveTextsAsync() =>
        [.. (await TranscriptAsync()).Where(IsProactive).Select(a => a["text"]!.GetValue<string>())];

    public static string Describe(IEnumerable<JsonObject> transcript) =>
        string.Join(Environment.NewLine, transcript.Select(a => $"  {a["direction"]} {a["operation"]}: {a["text"]}"));

    private async Task<IReadOnlyList<string>> RepliesAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"The emulator answered {(int)response.StatusCode} to {what}: {body}{Environment.NewLine}{stage.Logs()}");
        var activityId = JsonNode.Parse(body)!["activityId"]!.GetValue<string>();
        return [.. (await TranscriptAsync())
            .Where(a => a["direction"]?.GetValue<string>() == "toUser" && a["replyToId"]?.GetValue<string>() == activityId)
            .Select(a => a["text"]!.GetValue<string>())];
    }

    private static bool IsProactive(JsonObject activity) =>
        activity["direction"]?.GetValue<string>() == "toUser" && activity["replyToId"] is null;
}
