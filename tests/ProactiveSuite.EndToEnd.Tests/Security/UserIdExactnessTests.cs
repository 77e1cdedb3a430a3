using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// User ids compare exactly: an id that differs from Alice's only by whitespace around it is not Alice's, and
/// since no channel sends such ids, every edge refuses them with the reason instead of merging the two users.
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class UserIdExactnessTests(RabbitMqSystem system)
{
    /// <summary>Alice's id with whitespace around it: a space, a no-break space (U+00A0), an em space (U+2003), a tab.</summary>
    public static TheoryData<string> Impostors() => new()
    {
        "{0} ", " {0}", "{0}\u00A0", "\u2003{0}", "\u00A0{0}\u00A0", "{0}\u3000",
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public async Task An_activity_from_an_id_with_surrounding_whitespace_is_refused_and_Alice_keeps_her_conversation(string impostor)
    {
        var alice = NewUser();
        var aliceActivity = Activity(alice, "conv-" + alice);
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(aliceActivity)).Status);
        await Eventually.Until(() => ReferenceAsync(alice), $"Alice's reference ({alice})", system.Logs);

        var (status, detail) = await PostActivityAsync(Activity(string.Format(System.Globalization.CultureInfo.InvariantCulture, impostor, alice), "conv-impostor-" + alice));

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {detail}");
        Assert.Equal("from.id must not begin or end with whitespace", detail);
        Assert.Equal("conv-" + alice, (await ReferenceAsync(alice))!["address"]!["conversation"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Impostors))]
    public async Task Operator_apis_refuse_ids_with_surrounding_whitespace_with_400(string impostor)
    {
        var ct = TestContext.Current.CancellationToken;
        var alice = NewUser();
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(Activity(alice, "conv-" + alice))).Status);
        await Eventually.Until(() => ReferenceAsync(alice), $"Alice's reference ({alice})", system.Logs);
        var id = string.Format(System.Globalization.CultureInfo.InvariantCulture, impostor, alice);

        var lookup = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{Uri.EscapeDataString(id)}"), ct);
        await AssertRefusedAsync(lookup, "userId must not begin or end with whitespace");

        var notification = await PostJsonAsync(new Uri(system.DispatcherUrl, "/notifications"), new JsonObject
        {
            ["notificationId"] = "ws-" + Guid.NewGuid().ToString("N"),
            ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = id },
            ["text"] = "for Alice only",
        });
        await AssertRefusedAsync(notification, "recipient.userId must not begin or end with whitespace");

        var survey = await PostJsonAsync(new Uri(system.DispatcherUrl, "/surveys"), new JsonObject
        {
            ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = id },
            ["title"] = "Lunch",
            ["questions"] = new JsonArray(new JsonObject { ["id"] = "q1", ["text"] = "Pizza?", ["choices"] = new JsonArray("yes", "no") }),
        });
        await AssertRefusedAsync(survey, "recipient.userId must not begin or end with whitespace");

        var erasure = await system.Http.DeleteAsync(new Uri(system.RegistryUrl, $"/users/emulator/{Uri.EscapeDataString(id)}"), ct);
        await AssertRefusedAsync(erasure, "userId must not begin or end with whitespace");

        Assert.NotNull(await ReferenceAsync(alice));
    }

    [Fact]
    public async Task A_notification_on_the_bus_for_an_id_with_surrounding_whitespace_fails_as_invalid_and_reaches_nobody()
    {
        var ct = TestContext.Current.CancellationToken;
        var alice = NewUser();
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(Activity(alice, "conv-" + alice))).Status);
        await Eventually.Until(() => ReferenceAsync(alice), $"Alice's reference ({alice})", system.Logs);
        var notificationId = "ws-bus-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification { NotificationId = notificationId, Recipient = new Recipient("emulator", alice + "\u00A0"), Text = "for Alice only" }, ct);

        var failed = await Eventually.Within(c => system.Outside.Failed.WaitForAsync(f => f.NotificationId == notificationId, c), "NotificationFailed", system.Logs);
        Assert.Equal("Invalid", failed.ReasonCode);
        Assert.DoesNotContain(system.Channel.Transcript.InConversation("conv-" + alice), a => a.Direction == ProactiveSuite.ChannelEmulator.ActivityDirection.ToUser && a.Text == "for Alice only");
    }

    [Fact]
    public async Task A_capture_on_the_bus_for_an_id_with_surrounding_whitespace_goes_to_the_error_queue_and_leaves_Alice_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var alice = NewUser();
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(Activity(alice, "conv-" + alice))).Status);
        await Eventually.Until(() => ReferenceAsync(alice), $"Alice's reference ({alice})", system.Logs);
        var impostorConversation = "conv-impostor-" + alice;

        await system.Outside.Bus.Publish(
            new ReferenceCaptured(
                new ConversationAddress("emulator", system.Channel.BaseUrl.ToString(), new ConversationInfo(impostorConversation, "personal", null, false),
                    new ParticipantInfo(" " + alice, "Mallory", null), new ParticipantInfo("bot-proactive", "ProactiveBot", null), "en-US"),
                "impostor-activity", "message", DateTimeOffset.UtcNow.AddMinutes(1)),
            ct);

        var faulted = await Eventually.Until(
            () => system.Queues.FindAsync("registry-reference-captured_error", body => body.Contains(impostorConversation, StringComparison.Ordinal), ct),
            "the impostor's capture in the error queue",
            system.Logs);
        Assert.Contains("must not begin or end with whitespace", faulted.FaultMessage ?? "", StringComparison.Ordinal);
        Assert.Equal("conv-" + alice, (await ReferenceAsync(alice))!["address"]!["conversation"]!["id"]!.GetValue<string>());
    }

    private static string NewUser() => "alice-" + Guid.NewGuid().ToString("N")[..12];

    private JsonObject Activity(string user, string conversation)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("emulator-message.json"))!.AsObject();
        activity["id"] = "activity-" + Guid.NewGuid().ToString("N");
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        activity["serviceUrl"] = system.Channel.BaseUrl.ToString();
        activity["from"]!["id"] = user;
        activity["conversation"]!["id"] = conversation;
        return activity;
    }

    private async Task<(HttpStatusCode Status, string Detail)> PostActivityAsync(JsonObject activity)
    {
        using var response = await PostJsonAsync(new Uri(system.GatewayUrl, "/api/messages"), activity);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body.StartsWith('{') ? JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body : body);
    }

    private Task<HttpResponseMessage> PostJsonAsync(Uri url, JsonObject body) =>
        system.Http.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }

    private async Task<JsonObject?> ReferenceAsync(string user)
    {
        using var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{Uri.EscapeDataString(user)}"), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }
}
