using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using RabbitMQ.Client;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>Idempotency, revocation and poison messages, over a real RabbitMQ and the emulator.</summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class ReliabilityOnRabbitMqTests(RabbitMqSystem system)
{
    [Fact]
    public async Task The_same_command_delivered_twice_on_the_bus_posts_once_and_is_reported_delivered_both_times()
    {
        var user = await UserWhoWroteAsync();
        var command = new SendNotification { NotificationId = "twice-" + Guid.NewGuid().ToString("N"), Recipient = new Recipient("emulator", user), Text = "Only once, please" };

        await system.Outside.Bus.Publish(command, TestContext.Current.CancellationToken);
        await system.Outside.Bus.Publish(command, TestContext.Current.CancellationToken);

        await Eventually.Until(() => Task.FromResult(system.Outside.Delivered.All().Count(d => d.NotificationId == command.NotificationId) >= 2 ? "" : null), "both NotificationDelivered", system.Logs);
        var reports = system.Outside.Delivered.All().Where(d => d.NotificationId == command.NotificationId).ToList();
        Assert.Single(system.Channel.Transcript.All(), a => a.Text == "Only once, please");
        Assert.Single(reports.Select(r => r.ActivityId).Distinct());
    }

    [Fact]
    public async Task An_uninstall_revokes_the_reference_until_the_user_writes_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = "29:" + Guid.NewGuid().ToString("N");
        var message = TeamsActivity("teams-personal-message.json", user);
        await system.Channel.ForwardActivityAsync(message);
        await Eventually.Until(() => ReferenceAsync("msteams", user), "the Teams reference", system.Logs);

        await system.Channel.ForwardActivityAsync(TeamsActivity("teams-installation-remove.json", user));
        await Eventually.Until(async () => (await ReferenceAsync("msteams", user))?["revokedAt"] is { } revoked ? revoked : null, "the revocation", system.Logs);

        var refused = await SendAsync("msteams", user, "Are you there?");
        var failed = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == refused, ct), "NotificationFailed", system.Logs);
        Assert.Equal(NotificationFailureReasons.ReferenceRevoked, failed.ReasonCode);
        Assert.Contains("BotRemoved", failed.Reason, StringComparison.Ordinal);

        var again = TeamsActivity("teams-personal-message.json", user);
        again["timestamp"] = DateTimeOffset.UtcNow.ToString("O");
        again["id"] = Guid.NewGuid().ToString("N");
        await system.Channel.ForwardActivityAsync(again);
        await Eventually.Until(async () => (await ReferenceAsync("msteams", user)) is { } r && r["revokedAt"] is null ? r : null, "the reference back", system.Logs);

        var accepted = await SendAsync("msteams", user, "Welcome back");
        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == accepted, ct), "NotificationDelivered", system.Logs);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_to_the_error_queue_with_its_reason_and_the_queue_moves_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await UserWhoWroteAsync();
        var factory = new ConnectionFactory { Uri = system.Broker.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        const string exchange = "ProactiveSuite.Contracts.Notifications:SendNotification";
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };

        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes("{ this is not json"), ct);
        var behind = await SendAsync("emulator", user, "Behind the poison");

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == behind, ct), "the valid command behind the poison", system.Logs);
        // Declared as MassTransit declares it, so that polling before the first fault does not close the channel.
        await channel.QueueDeclareAsync("dispatcher-send-notification_error", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        var poisoned = await Eventually.Until(
            async () => await channel.BasicGetAsync("dispatcher-send-notification_error", autoAck: true, ct) is { } got && got.BasicProperties.MessageId == properties.MessageId ? got : null,
            "the poison message in the error queue",
            system.Logs);
        var headers = poisoned.BasicProperties.Headers!;
        Assert.True(headers.ContainsKey("MT-Reason"), "the error queue says why: " + string.Join(", ", headers.Keys));
        Assert.Contains("{ this is not json", Encoding.UTF8.GetString(poisoned.Body.Span), StringComparison.Ordinal);
    }

    private async Task<string> UserWhoWroteAsync()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..12];
        await system.Channel.UserSaysAsync(user, "hello");
        await Eventually.Until(() => ReferenceAsync("emulator", user), "the reference", system.Logs);
        return user;
    }

    private async Task<string> SendAsync(string channel, string user, string text)
    {
        var id = "n-" + Guid.NewGuid().ToString("N");
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = id, Recipient = new Recipient(channel, user), Text = text }, TestContext.Current.CancellationToken);
        return id;
    }

    private async Task<JsonObject?> ReferenceAsync(string channel, string user)
    {
        var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/{channel}/{Uri.EscapeDataString(user)}"), TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private static JsonObject TeamsActivity(string file, string user)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity(file))!.AsObject();
        activity["from"]!["id"] = user;
        activity["conversation"]!["id"] = "a:" + user;
        return activity;
    }
}
