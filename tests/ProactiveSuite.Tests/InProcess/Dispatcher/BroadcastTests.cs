using MassTransit;
using MassTransit.Testing;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Broadcasts;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.InProcess.Dispatcher;

/// <summary>Broadcasts: the fan-out, the per-recipient deliveries, cancellation and the one completion.</summary>
public sealed class BroadcastTests
{
    [Fact]
    public async Task A_broadcast_to_a_list_reaches_everyone_reachable_fails_the_rest_and_completes_once()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));
        await system.UserWroteAsync("bob", "conv-bob", DateTimeOffset.UtcNow.AddMinutes(-5));

        await system.Harness.Bus.Publish(Broadcast("n-list", null, "ada", "bob", "cy"), TestContext.Current.CancellationToken);

        var completed = await CompletionOf(system, "n-list");
        Assert.Equal((3, 2, 0, 0), (completed.Total, completed.Delivered, completed.Cancelled, completed.Throttled));
        Assert.Equal(new Dictionary<string, int> { [NotificationFailureReasons.NoReference] = 1 }, completed.Failed);
        // Every delivery has ended (each consumed after it reported): any second completion would be here by now.
        Assert.True(await system.Harness.GetConsumerHarness<DeliverToRecipientConsumer>().Consumed.SelectAsync<DeliverToRecipient>().Skip(2).Any());
        Assert.Single(system.Harness.Published.Select<NotificationCompleted>(InProcessSystem.Now));
        Assert.Single(system.Channel.Transcript.InConversation("conv-ada"));
        Assert.Single(system.Channel.Transcript.InConversation("conv-bob"));
        var failed = Assert.Single(system.Harness.Published.Select<NotificationFailed>(InProcessSystem.Now)).Context.Message;
        Assert.Equal(("cy", NotificationFailureReasons.NoReference), (failed.Recipient?.UserId, failed.ReasonCode));
    }

    [Fact]
    public async Task A_broadcast_cancelled_before_its_time_reaches_nobody_and_completes_with_everyone_cancelled()
    {
        var clock = new ManualClock();
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher, clock, new Dictionary<string, string?>
        {
            ["Dispatcher:Delivery:SchedulePollInterval"] = "00:00:01",
        });
        await system.UserWroteAsync("ada", "conv-ada", clock.GetUtcNow().AddMinutes(-5));
        await system.UserWroteAsync("bob", "conv-bob", clock.GetUtcNow().AddMinutes(-5));

        await system.Harness.Bus.Publish(Broadcast("n-later", clock.GetUtcNow().AddHours(1), "ada", "bob"), TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.GetConsumerHarness<SendBroadcastConsumer>().Consumed.Any<SendBroadcast>());
        await system.Harness.Bus.Publish(new CancelNotification("n-later"), TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.GetConsumerHarness<CancelNotificationConsumer>().Consumed.Any<CancelNotification>());
        clock.Advance(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromSeconds(1));

        var completed = await CompletionOf(system, "n-later");
        Assert.Equal((2, 0, 2), (completed.Total, completed.Delivered, completed.Cancelled));
        Assert.Empty(completed.Failed);
        Assert.Empty(system.Channel.Transcript.All());
        Assert.Empty(system.Harness.Published.Select<NotificationDelivered>(InProcessSystem.Now));
    }

    [Fact]
    public async Task A_cancel_without_a_notification_id_goes_to_the_error_queue_with_its_reason_without_retries()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        var errorQueue = await ErrorQueueReader.ConnectAsync<CancelNotification>(system, "dispatcher-cancel-notification");

        await system.Harness.Bus.Publish(new CancelNotification(" "), TestContext.Current.CancellationToken);

        // Moved at once with its reason: an invalid message is not retried.
        Assert.Equal(new MovedMessage("CancelNotification rejected: notificationId is required", RetryCount: 0), await errorQueue.FirstAsync());
        Assert.True(await system.Harness.Published.Any<Fault<CancelNotification>>());
    }

    private static SendBroadcast Broadcast(string id, DateTimeOffset? notBefore, params string[] userIds) => new()
    {
        NotificationId = id,
        Audience = new BroadcastAudience { Recipients = [.. userIds.Select(u => new Recipient(InProcessSystem.ChannelId, u))] },
        Text = "The office is closed on Friday",
        NotBefore = notBefore,
    };

    private static async Task<NotificationCompleted> CompletionOf(InProcessSystem system, string notificationId)
    {
        var completed = await system.Harness.Published.SelectAsync<NotificationCompleted>(c => c.Context.Message.NotificationId == notificationId).FirstOrDefault();
        Assert.NotNull(completed);
        return completed.Context.Message;
    }
}
