using ProactiveSuite.Contracts.Notifications;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Privacy;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>Deleting a user: the operator's endpoint (or the bus command) reaches every store that keeps data about users.</summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class UserDataErasureTests(RabbitMqSystem system)
{
    [Fact]
    public async Task An_operator_erases_a_user_and_only_that_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ada, bob) = (NewUser(), NewUser());
        await system.Channel.UserSaysAsync(ada, "hello");
        await system.Channel.UserSaysAsync(bob, "hello");
        await Eventually.Until(() => Reference(bob), "Bob's reference", system.Logs);
        await Eventually.Until(() => Reference(ada), "Ada's reference", system.Logs);
        var notified = "n-" + Guid.NewGuid().ToString("N");
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = notified, Recipient = new Recipient("emulator", ada), Text = "Before the erasure" }, ct);
        await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notified, c), "the notification to Ada", system.Logs);
        var tomorrow = "n-" + Guid.NewGuid().ToString("N");
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = tomorrow, Recipient = new Recipient("emulator", ada), Text = "Tomorrow", NotBefore = DateTimeOffset.UtcNow.AddDays(1) }, ct);

        var response = await system.Http.DeleteAsync(new Uri(system.RegistryUrl, $"/users/emulator/{ada}"), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["requestId"]!.GetValue<string>();
        var erased = await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == requestId && e.Service == "ProactiveSuite.Registry", c), "UserDataErased from the Registry", system.Logs);
        Assert.Equal(("emulator", ada), (erased.ChannelId, erased.UserId));
        Assert.Equal([new ErasedUserData("conversationReferences", 1), new ErasedUserData("knownMembers", 0)], erased.Erased);
        var dispatcher = await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == requestId && e.Service == "ProactiveSuite.Dispatcher", c), "UserDataErased from the Dispatcher", system.Logs);
        Assert.Equal(["deliveries", "scheduledDeliveries", "surveyResponses"], dispatcher.Erased.Select(e => e.Store).Order(StringComparer.Ordinal));
        // The Gateway owns the conversations' state: Ada's "hello" started the bot's introduction there.
        var gateway = await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == requestId && e.Service == "ProactiveSuite.Gateway", c), "UserDataErased from the Gateway", system.Logs);
        Assert.Equal([new ErasedUserData("conversationState", 1)], gateway.Erased);
        // Nothing outside the Dispatcher shows when the not-before notification reached its schedule, so
        // the erasure is repeated until it has: erasing is idempotent, and what the erasures removed in all
        // is what was stored, each record once.
        var removed = dispatcher.Erased.ToList();
        await Eventually.Until(
            async () =>
            {
                if (removed.Any(e => e.Store == "scheduledDeliveries" && e.Count > 0))
                {
                    return removed;
                }

                var again = Guid.NewGuid().ToString("N");
                await system.Outside.Bus.Publish(new EraseUserData(again, "emulator", ada), ct);
                removed.AddRange((await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == again && e.Service == "ProactiveSuite.Dispatcher", c), "UserDataErased again", system.Logs)).Erased);
                return null;
            },
            "the not-before notification erased from the schedule",
            system.Logs);
        Assert.Equal(
            [("deliveries", 1), ("scheduledDeliveries", 1), ("surveyResponses", 0)],
            removed.GroupBy(e => e.Store).Select(g => (g.Key, g.Sum(e => e.Count))).Order());
        Assert.Null(await Reference(ada));
        Assert.NotNull(await Reference(bob));
    }

    [Fact]
    public async Task Erasing_someone_who_is_not_stored_reports_nothing_removed()
    {
        var requestId = Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new EraseUserData(requestId, "emulator", NewUser()), TestContext.Current.CancellationToken);

        var erased = await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == requestId && e.Service == "ProactiveSuite.Registry", c), "UserDataErased", system.Logs);
        Assert.Equal([new ErasedUserData("conversationReferences", 0), new ErasedUserData("knownMembers", 0)], erased.Erased);
    }

    [Fact]
    public async Task An_erasure_without_a_user_is_refused_over_http_and_into_the_error_queue_on_the_bus()
    {
        var requestId = "erase-" + Guid.NewGuid().ToString("N");
        var overHttp = await system.Http.DeleteAsync(new Uri(system.RegistryUrl, "/users/emulator/%20"), TestContext.Current.CancellationToken);
        await system.Outside.Bus.Publish(new EraseUserData(requestId, "emulator", null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, overHttp.StatusCode);
        var refused = await Eventually.Until(
            () => system.Queues.FindAsync("proactivesuite-registry-erase-user-data_error", body => body.Contains(requestId, StringComparison.Ordinal), TestContext.Current.CancellationToken),
            "the erasure in the error queue",
            system.Logs);
        Assert.Equal("EraseUserData rejected: userId is required", refused.FaultMessage);
    }

    [Fact]
    public async Task Erasure_is_an_operator_api()
    {
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(new Uri(system.RegistryUrl, "/users/emulator/someone"), TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<JsonObject?> Reference(string user)
    {
        var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];
}
