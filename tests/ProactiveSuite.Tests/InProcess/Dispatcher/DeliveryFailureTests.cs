using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Registry.Revocation;

namespace ProactiveSuite.Tests.InProcess.Dispatcher;

/// <summary>What the Dispatcher does when the channel refuses a send: later, or never again.</summary>
public sealed class DeliveryFailureTests
{
    [Fact]
    public async Task A_429_with_Retry_After_is_retried_when_the_channel_said_and_then_delivered_once()
    {
        var clock = new ManualClock();
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher, clock, new Dictionary<string, string?>
        {
            ["Dispatcher:Delivery:SchedulePollInterval"] = "00:00:01",
        });
        var sentAt = clock.GetUtcNow();
        await system.UserWroteAsync("ada", "conv-ada", sentAt.AddHours(-1));
        system.Channel.Faults.AddRule(ChannelFault.Throttled(TimeSpan.FromSeconds(30)).InConversation("conv-ada").Times(1));

        await system.Harness.Bus.Publish(Notification("n-429", "ada"), TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.GetConsumerHarness<SendNotificationConsumer>().Consumed.Any<SendNotification>());

        var waiting = await system.Services.GetRequiredService<IDeliveryLedger>().FindAsync(new DeliveryKey("n-429", InProcessSystem.ChannelId, "ada"), TestContext.Current.CancellationToken);
        Assert.NotNull(waiting);
        Assert.Equal((DeliveryState.Pending, sentAt.AddSeconds(30), 429), (waiting.State, waiting.RetryAt, waiting.LastStatusCode));
        Assert.Equal(new ConnectorCallCounts(0, 0, 0, 1, 0), system.Channel.Statistics.For("conv-ada"));

        // One more tick after the Retry-After, so the schedule is polled at the final time.
        clock.Advance(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(1));

        var delivered = await system.Harness.Published.SelectAsync<NotificationDelivered>(d => d.Context.Message.NotificationId == "n-429").FirstOrDefault();
        Assert.NotNull(delivered);
        var posted = Assert.Single(system.Channel.Transcript.InConversation("conv-ada"));
        Assert.Equal(posted.ActivityId, delivered.Context.Message.ActivityId);
        Assert.Equal(new ConnectorCallCounts(0, 1, 0, 1, 0), system.Channel.Statistics.For("conv-ada"));
    }

    [Theory]
    [InlineData(403, ConnectorErrorCodes.ConversationBlockedByUser, NotificationFailureReasons.UserBlocked)]
    [InlineData(404, ConnectorErrorCodes.ConversationNotFound, NotificationFailureReasons.ConversationNotFound)]
    public async Task A_gone_user_is_not_retried_and_their_reference_is_revoked_so_the_next_notification_is_not_sent(int status, string errorCode, string reasonCode)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));
        system.Channel.Faults.AddRule(ChannelFault.Error(status, errorCode).InConversation("conv-ada"));

        await system.Harness.Bus.Publish(Notification("n-gone-1", "ada"), TestContext.Current.CancellationToken);
        Assert.Equal(reasonCode, (await FailureOf(system, "n-gone-1")).ReasonCode);
        Assert.True(await system.Harness.GetConsumerHarness<ReferenceRevokedConsumer>().Consumed.Any<ReferenceRevoked>());

        await system.Harness.Bus.Publish(Notification("n-gone-2", "ada"), TestContext.Current.CancellationToken);
        var second = await FailureOf(system, "n-gone-2");

        Assert.Equal(NotificationFailureReasons.ReferenceRevoked, second.ReasonCode);
        Assert.Contains("they have not written since", second.Reason, StringComparison.Ordinal);
        // One call in all: the first was not retried, the second never reached the channel.
        Assert.Equal(new ConnectorCallCounts(0, 0, 0, 0, 1), system.Channel.Statistics.For("conv-ada"));
        Assert.Empty(system.Channel.Transcript.All());
    }

    private static SendNotification Notification(string id, string userId) =>
        new() { NotificationId = id, Recipient = new Recipient(InProcessSystem.ChannelId, userId), Text = "Your report is ready" };

    private static async Task<NotificationFailed> FailureOf(InProcessSystem system, string notificationId)
    {
        var failed = await system.Harness.Published.SelectAsync<NotificationFailed>(f => f.Context.Message.NotificationId == notificationId).FirstOrDefault();
        Assert.NotNull(failed);
        return failed.Context.Message;
    }
}
