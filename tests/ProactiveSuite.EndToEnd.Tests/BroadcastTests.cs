using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>Broadcasts, their status, cancellation and not-before, over a real RabbitMQ and the emulator.</summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class BroadcastTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_broadcast_to_a_list_reaches_everyone_reachable_reports_the_rest_and_completes_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = "bl" + Guid.NewGuid().ToString("N")[..8];
        var users = SeededRecipients.Users(prefix, 120);
        await SeedAsync(users, tenantId: null);
        var id = "b-" + Guid.NewGuid().ToString("N");
        var recipients = users.Select(u => new Recipient("emulator", u)).Append(new Recipient("emulator", prefix + "-nobody")).ToList();

        await system.Outside.Bus.Publish(new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = recipients }, Text = "Broadcast to a list" }, ct);

        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        Assert.Equal((121, 120, 0), (completed.Total, completed.Delivered, completed.Cancelled));
        Assert.Equal(1, completed.Failed[NotificationFailureReasons.NoReference]);
        Assert.Equal(users.Select(u => "emu-" + u).Order(), system.Channel.Transcript.All().Where(a => a.Text == "Broadcast to a list").Select(a => a.ConversationId).Order());

        var status = (await system.StatusAsync(id))!;
        Assert.Equal((121, 0, 120), (status["total"]!.GetValue<int>(), status["pending"]!.GetValue<int>(), status["delivered"]!.GetValue<int>()));
        Assert.NotNull(status["finishedAt"]);
        var csv = await system.Http.GetStringAsync(new Uri(system.DispatcherUrl, $"/notifications/{id}/recipients.csv"), ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(122, lines.Length);
        Assert.Single(lines, l => l.Contains(prefix + "-nobody", StringComparison.Ordinal) && l.Contains("Failed", StringComparison.Ordinal) && l.Contains("NoReference", StringComparison.Ordinal));
        Assert.DoesNotContain(system.Outside.Completed.All().Where(x => x.NotificationId == id).Skip(1), _ => true);
    }

    [Fact]
    public async Task A_broadcast_to_a_tenant_reaches_exactly_the_active_references_of_that_tenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];
        var inTenant = SeededRecipients.Users("ta" + tenant[7..], 30);
        var otherTenant = SeededRecipients.Users("tb" + tenant[7..], 10);
        await SeedAsync(inTenant, tenant);
        await SeedAsync(otherTenant, tenant + "-other");
        var id = "b-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { ChannelId = "emulator", TenantId = tenant }, Text = "Tenant broadcast " + tenant }, ct);

        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        Assert.Equal((30, 30), (completed.Total, completed.Delivered));
        Assert.Equal(inTenant.Select(u => "emu-" + u).Order(), system.Channel.Transcript.All().Where(a => a.Text == "Tenant broadcast " + tenant).Select(a => a.ConversationId).Order());
    }

    [Fact]
    public async Task A_cancelled_broadcast_stops_and_its_status_says_how_many_were_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = SeededRecipients.Users("bc" + Guid.NewGuid().ToString("N")[..8], 300);
        await SeedAsync(users, tenantId: null);
        system.Channel.Faults.SetLatency(TimeSpan.FromMilliseconds(300));
        try
        {
            var id = "b-" + Guid.NewGuid().ToString("N");
            var response = await system.Http.PostAsJsonAsync(new Uri(system.DispatcherUrl, "/broadcasts"), new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = "To be cancelled" }, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Eventually.Until(() => Task.FromResult(system.Channel.Transcript.All().Any(a => a.Text == "To be cancelled") ? "" : null), "the first deliveries", system.Logs);

            var cancel = await system.Http.PostAsync(new Uri(system.DispatcherUrl, $"/notifications/{id}/cancel"), null, ct);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

            var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
            Assert.True(completed.Cancelled > 0, $"nothing was cancelled: {completed}");
            Assert.Equal(300, completed.Delivered + completed.Failed.Values.Sum() + completed.Cancelled);
            Assert.Equal(completed.Delivered, system.Channel.Transcript.All().Count(a => a.Text == "To be cancelled"));
            Assert.Equal(completed.Cancelled, (await system.StatusAsync(id))!["cancelled"]!.GetValue<int>());
        }
        finally
        {
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task A_notification_with_a_not_before_time_is_not_delivered_before_it()
    {
        var user = await system.UserWhoWroteAsync();
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await system.SendAsync("emulator", user, "Not before its time", notBefore);

        await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, c), "NotificationDelivered", system.Logs);
        var arrived = Assert.Single(system.Channel.Transcript.All(), a => a.Text == "Not before its time");
        Assert.True(arrived.ReceivedAt >= notBefore, $"arrived at {arrived.ReceivedAt:O}, before {notBefore:O}");
    }

    [Fact]
    public async Task A_broadcast_without_an_audience_gets_400_with_the_reason()
    {
        var response = await system.Http.PostAsJsonAsync(new Uri(system.DispatcherUrl, "/broadcasts"), new { text = "to whom?" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("audience is required", (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["detail"]!.GetValue<string>());
    }

    private async Task SeedAsync(IReadOnlyList<string> users, string? tenantId)
    {
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(users.Select(user => system.Outside.Bus.Publish(
            new ReferenceCaptured(
                new ConversationAddress("emulator", system.Channel.BaseUrl.ToString(), new ConversationInfo("emu-" + user, null, tenantId, false),
                    new ParticipantInfo(user, null, null), new ParticipantInfo("bot-proactive", "ProactiveBot", null), "en-US"),
                "seed-" + user, "message", now),
            TestContext.Current.CancellationToken)));
        foreach (var user in users)
        {
            await Eventually.Until(() => system.ReferenceAsync("emulator", user), $"the reference of {user}", system.Logs);
        }
    }
}
