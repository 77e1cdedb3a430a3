using MassTransit.Testing;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.InProcess.Dispatcher;

/// <summary>A single notification through the Dispatcher's consumer, with the Registry answering its look-up over the bus.</summary>
public sealed class SendNotificationTests
{
    private static readonly DateTimeOffset Wrote = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<SendNotification, string> BadCommands => new()
    {
        { new SendNotification { NotificationId = "n-bad-1", Text = "Hello" }, "recipient is required" },
        { new SendNotification { NotificationId = "n-bad-2", Recipient = new Recipient(InProcessSystem.ChannelId, "ada") }, "there is nothing to send" },
        { new SendNotification { NotificationId = "n-bad-3", Recipient = new Recipient(InProcessSystem.ChannelId, " ada"), Text = "Hello" }, "recipient.userId" },
        { new SendNotification { NotificationId = "n-bad-4", Recipient = new Recipient(InProcessSystem.ChannelId, "ada", null, "19:chat@thread.v2"), Text = "Hello" }, "either userId or conversationId, not both" },
        { new SendNotification { NotificationId = "n-bad-5", Recipient = new Recipient(InProcessSystem.ChannelId, null), Text = "Hello" }, "recipient.userId is required (or recipient.conversationId" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task A_command_that_cannot_be_sent_fails_Invalid_with_its_reason_and_reaches_nobody(SendNotification command, string reasonMentions)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.UserWroteAsync("ada", "conv-ada", Wrote);

        await system.Harness.Bus.Publish(command, TestContext.Current.CancellationToken);

        // Refused, not faulted: consumed once without an exception, so nothing goes to the error queue.
        var consumed = await system.Harness.GetConsumerHarness<SendNotificationConsumer>().Consumed.SelectAsync<SendNotification>().FirstOrDefault();
        Assert.NotNull(consumed);
        Assert.Null(consumed.Exception);
        var failed = Assert.Single(system.Harness.Published.Select<NotificationFailed>(InProcessSystem.Now)).Context.Message;
        Assert.Equal((command.NotificationId, NotificationFailureReasons.Invalid), (failed.NotificationId, failed.ReasonCode));
        Assert.Contains(reasonMentions, failed.Reason, StringComparison.Ordinal);
        Assert.Empty(system.Channel.Transcript.All());
        Assert.Empty(system.Harness.Published.Select<NotificationDelivered>(InProcessSystem.Now));
    }

    [Fact]
    public async Task The_same_command_consumed_twice_is_posted_once_and_reported_delivered_both_times()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.UserWroteAsync("ada", "conv-ada", Wrote);
        var command = new SendNotification { NotificationId = "n-twice", Recipient = new Recipient(InProcessSystem.ChannelId, "ada"), Text = "Your report is ready" };
        var consumer = system.Harness.GetConsumerHarness<SendNotificationConsumer>();

        await system.Harness.Bus.Publish(command, TestContext.Current.CancellationToken);
        Assert.True(await consumer.Consumed.Any<SendNotification>());
        await system.Harness.Bus.Publish(command, TestContext.Current.CancellationToken);
        Assert.True(await consumer.Consumed.SelectAsync<SendNotification>().Skip(1).Any());

        var posted = Assert.Single(system.Channel.Transcript.InConversation("conv-ada"));
        Assert.Equal("Your report is ready", posted.Text);
        var reported = system.Harness.Published.Select<NotificationDelivered>(InProcessSystem.Now).Select(d => d.Context.Message.ActivityId).ToList();
        Assert.Equal([posted.ActivityId, posted.ActivityId], reported);
        Assert.Equal(1, system.Channel.Statistics.Total.Sends);
    }
}
