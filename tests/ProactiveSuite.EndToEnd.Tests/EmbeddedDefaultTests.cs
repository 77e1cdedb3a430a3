using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The README's walkthrough on the embedded default, step by step over HTTP as a newcomer does it
/// with curl: a user writes, an operator sends a notification, the notification is in the transcript.
/// </summary>
public sealed class EmbeddedDefaultTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    [Fact]
    public async Task Following_the_readme_delivers_a_proactive_message_to_the_emulator()
    {
        var ct = TestContext.Current.CancellationToken;

        var said = await host.Http.PostAsJsonAsync("/emulator/users/ada/messages", new { text = "hello bot", name = "Ada" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        await Eventually.Until(async () => (await host.Http.GetAsync("/references/emulator/ada", ct)).IsSuccessStatusCode ? "" : null, "Ada's reference", host.Logs);

        var sent = await host.Http.PostAsJsonAsync("/notifications", new { recipient = new { channelId = "emulator", userId = "ada" }, text = "Your report is ready" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var transcript = await Eventually.Until(
            async () =>
            {
                var activities = JsonNode.Parse(await host.Http.GetStringAsync("/emulator/conversations/emu-ada/activities", ct))!.AsArray();
                return activities.Any(a => a!["text"]?.GetValue<string>() == "Your report is ready") ? activities : null;
            },
            "the notification in Ada's conversation",
            host.Logs);
        Assert.Equal(
            ["hello bot", "You sent 'hello bot'.", "What's your name?", "Your report is ready"],
            transcript.Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal("sendToConversation", transcript[^1]!["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operator_apis_need_the_local_api_key_while_health_and_the_emulator_do_not()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = host.Url };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/references/emulator/ada", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/notifications", new { recipient = new { channelId = "emulator", userId = "ada" }, text = "hi" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/emulator/conversations", ct)).StatusCode);
    }

    [Fact]
    public async Task The_readme_shows_the_api_key_the_host_accepts_on_every_operator_call()
    {
        var readme = await File.ReadAllLinesAsync(Path.Combine(ProactiveSuite.Testing.RepositoryPaths.Root, "README.md"), TestContext.Current.CancellationToken);
        var operatorCalls = readme.Where(l => l.Contains("curl", StringComparison.Ordinal) && (l.Contains("/references", StringComparison.Ordinal) || l.Contains("/notifications", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(operatorCalls);
        Assert.All(operatorCalls, l => Assert.Contains($"X-Api-Key: {EmbeddedDefaultHost.LocalOperatorKey}", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"recipient": {"channelId": "emulator"}, "text": "hi"}""", "recipient.userId is required (or recipient.conversationId, for a group chat or channel)")]
    [InlineData("""{"recipient": {"channelId": "emulator", "userId": "ada", "conversationId": "19:chat@thread.v2"}, "text": "hi"}""", "recipient takes either userId or conversationId, not both")]
    public async Task An_operator_gets_400_with_the_reason_for_a_notification_that_cannot_be_sent(string body, string reason)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await host.Http.PostAsync("/notifications", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal(reason, problem!["detail"]!.GetValue<string>());
    }
}
