using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.AfterDelivery;

/// <summary>
/// The after-delivery stories on Gateway, Registry and Dispatcher as separate processes over RabbitMQ; and a recall
/// published twice, cut by a SIGKILL of the Dispatcher, that still deletes every copy exactly once.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class AfterDeliveryOnRabbitMqTests(RabbitMqSystem system) : AfterDeliveryScenarios(new AfterDeliveryOnRabbitMq(system))
{
    [Fact]
    public async Task A_recall_published_twice_and_cut_by_a_dispatcher_kill_deletes_every_copy_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = SeededRecipients.Users("rk" + NewTag(), 60);
        await DispatcherCrashes.SeedAsync(system, users);
        var id = "b-" + Guid.NewGuid().ToString("N");
        var text = "Recall survives a kill " + id;
        await system.Outside.Bus.Publish(new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text }, ct);
        await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);

        // Slow deletes, so that the kill lands while some are done and others are not.
        system.Channel.Faults.SetLatency(TimeSpan.FromMilliseconds(300));
        try
        {
            await system.Outside.Bus.Publish(new RecallNotification(id), ct);
            await system.Outside.Bus.Publish(new RecallNotification(id), ct);
            await Eventually.Until(() => Task.FromResult(Deletes(text) >= 10 ? "" : null), "10 deletes before the kill", system.Logs);
            await system.KillAsync("dispatcher");
            await system.StartAgainAsync("dispatcher");

            var status = await Eventually.Until(async () => await system.StatusAsync(id) is { } s && s["recalled"]!.GetValue<int>() == users.Count ? s : null, "every copy recalled", system.Logs);
            Assert.Equal(users.Count, status["delivered"]!.GetValue<int>());
        }
        finally
        {
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
        }

        var sent = system.Channel.Transcript.All().Where(a => a.Text == text).ToList();
        var deletes = system.Channel.Transcript.All().Where(a => a.Operation == ConnectorOperation.DeleteActivity && sent.Any(s => s.ConversationId == a.ConversationId && s.ActivityId == a.ActivityId)).ToList();
        Assert.Equal(users.Count, sent.Count);
        Assert.Equal(sent.Select(s => (s.ConversationId, s.ActivityId)).Order(), deletes.Select(d => (d.ConversationId, d.ActivityId)).Order());
        Assert.All(sent, s => Assert.Null(system.Channel.Transcript.CurrentMessage(s.ConversationId, s.ActivityId)));
    }

    private int Deletes(string text)
    {
        var sent = system.Channel.Transcript.All().Where(a => a.Text == text).Select(a => (a.ConversationId, a.ActivityId)).ToHashSet();
        return system.Channel.Transcript.All().Count(a => a.Operation == ConnectorOperation.DeleteActivity && sent.Contains((a.ConversationId, a.ActivityId)));
    }
}
