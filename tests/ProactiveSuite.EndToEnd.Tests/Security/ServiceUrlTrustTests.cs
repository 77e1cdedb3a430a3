using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// A serviceUrl outside the allowlist is refused at every edge: the Gateway's messaging endpoint, a
/// capture published straight onto the bus, and a send by the Dispatcher. The test system's allowlist is
/// the default one plus the local emulator.
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class ServiceUrlTrustTests(RabbitMqSystem system)
{
    [Fact]
    public async Task The_gateway_refuses_an_activity_from_a_host_that_is_not_an_allowed_connector()
    {
        // The shared Teams activity, from a look-alike host any customer could register under trafficmanager.net.
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-personal-message.json"))!.AsObject();
        var user = "29:" + NewUser();
        activity["from"]!["id"] = user;
        activity["serviceUrl"] = "https://evil.trafficmanager.net/emea/";

        var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), Json(activity), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal("serviceUrl host 'evil.trafficmanager.net' is not on the allowlist of connector hosts (ServiceUrls:AllowedHosts)", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_registry_refuses_a_forged_capture_into_its_error_queue_with_the_reason()
    {
        var user = NewUser();
        var forged = new ReferenceCaptured(
            new ConversationAddress(
                "emulator",
                "https://connector.attacker.example.com/",
                new ConversationInfo("conv-" + user, null, null, IsGroup: false),
                new ParticipantInfo(user, "Forged", null),
                new ParticipantInfo("bot-proactive", "ProactiveBot", null),
                null),
            "a-1",
            "message",
            DateTimeOffset.UtcNow);

        await system.Outside.Bus.Publish(forged, TestContext.Current.CancellationToken);

        var refused = await Eventually.Until(
            () => system.Queues.FindAsync("registry-reference-captured_error", body => body.Contains(user, StringComparison.Ordinal), TestContext.Current.CancellationToken),
            "the forged capture in registry-reference-captured_error",
            system.Logs);
        Assert.Contains("host 'connector.attacker.example.com' is not on the allowlist", refused.FaultMessage, StringComparison.Ordinal);
        var stored = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task The_dispatcher_does_not_call_a_connector_outside_the_allowlist_and_says_why()
    {
        var notificationId = "n-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification
        {
            NotificationId = notificationId,
            Recipient = new Recipient("rogue", NewUser()),
            Text = "This must not leave",
            CreateConversationIfMissing = true,
        }, TestContext.Current.CancellationToken);

        var failed = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == notificationId, ct), "NotificationFailed", system.Logs);
        Assert.Equal(NotificationFailureReasons.ServiceUrlNotAllowed, failed.ReasonCode);
        Assert.Contains("host 'connector.attacker.example.com' is not on the allowlist", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("Dispatcher:Channels:rogue:ServiceUrl", failed.Reason, StringComparison.Ordinal);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];
}
