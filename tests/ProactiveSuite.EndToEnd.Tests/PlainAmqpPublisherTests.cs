using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;
using RabbitMQ.Client;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// A publisher that is not .NET: it sends the envelope exactly as docs/contracts.md shows it, with
/// RabbitMQ's plain client and no MassTransit, so the documentation cannot drift from what works.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed partial class PlainAmqpPublisherTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_notification_published_as_documented_json_with_a_plain_amqp_client_is_delivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = "user-" + Guid.NewGuid().ToString("N")[..12];
        await system.Channel.UserSaysAsync(user, "hello");
        await Eventually.Until(async () => (await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), ct)).IsSuccessStatusCode ? "" : null, "the reference", system.Logs);

        var envelope = DocumentedEnvelope();
        var notificationId = "plain-" + Guid.NewGuid().ToString("N");
        envelope["messageId"] = Guid.NewGuid().ToString();
        envelope["message"]!["notificationId"] = notificationId;
        envelope["message"]!["recipient"]!["userId"] = user;

        var factory = new ConnectionFactory { Uri = system.Broker.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            const string exchange = "ProactiveSuite.Contracts.Notifications:SendNotification";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
            await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()), ct);
        }

        var delivered = await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, ct), "NotificationDelivered", system.Logs);
        Assert.Equal(user, delivered.Recipient.UserId);
        var arrived = Assert.Single(system.Channel.Transcript.InConversation(delivered.ConversationId), a => a.ActivityId == delivered.ActivityId);
        Assert.Equal("Your expense report 4711 was approved.", arrived.Text);
    }

    [Fact]
    public async Task A_notification_published_as_plain_json_without_an_envelope_is_delivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = "user-" + Guid.NewGuid().ToString("N")[..12];
        await system.Channel.UserSaysAsync(user, "hello");
        await Eventually.Until(async () => (await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), ct)).IsSuccessStatusCode ? "" : null, "the reference", system.Logs);

        var command = DocumentedBlock(PlainBlock());
        var notificationId = "plain-json-" + Guid.NewGuid().ToString("N");
        command["notificationId"] = notificationId;
        command["recipient"]!["userId"] = user;

        var factory = new ConnectionFactory { Uri = system.Broker.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            const string exchange = "ProactiveSuite.Contracts.Notifications:SendNotification";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
            var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
            await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(command.ToJsonString()), ct);
        }

        var delivered = await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, ct), "NotificationDelivered", system.Logs);
        var arrived = Assert.Single(system.Channel.Transcript.InConversation(delivered.ConversationId), a => a.ActivityId == delivered.ActivityId);
        Assert.Equal("Your expense report 4712 was approved.", arrived.Text);
    }

    private static JsonObject DocumentedEnvelope() => DocumentedBlock(WireBlock());

    private static JsonObject DocumentedBlock(Regex marker)
    {
        var contracts = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "contracts.md"));
        var block = marker.Match(contracts);
        Assert.True(block.Success, $"docs/contracts.md has no JSON block matching {marker}");
        return JsonNode.Parse(block.Groups["json"].Value)!.AsObject();
    }

    [GeneratedRegex(@"<!-- wire:SendNotification -->\s*```json\s*(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex WireBlock();

    [GeneratedRegex(@"<!-- wire:SendNotification:plain -->\s*```json\s*(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PlainBlock();
}
