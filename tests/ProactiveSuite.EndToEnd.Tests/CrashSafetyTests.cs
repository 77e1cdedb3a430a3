using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// A Dispatcher that posts one delivery at a time, so the crash test checks the ledger's exact bound:
/// a crash can repeat only the delivery it cut between the channel's answer and the ledger's record.
/// (With N deliveries in flight, a crash can repeat up to N: see docs/reliability.md.)
/// </summary>
public sealed class OneAtATimeSystem : RabbitMqSystem
{
    protected override IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => DispatcherCrashes.OneAtATime;
}

/// <summary>Crashes of the Dispatcher and restarts of the broker in the middle of a run lose nothing.</summary>
public sealed class CrashSafetyTests(OneAtATimeSystem system) : IClassFixture<OneAtATimeSystem>
{
    [Fact]
    public async Task Killing_the_dispatcher_three_times_during_a_2000_recipient_run_loses_no_one_and_repeats_at_most_one_per_kill()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = SeededRecipients.Users("crash", 2000);
        await SeedAsync(users);
        const string text = "Crash-safe notification";

        await PublishAsync("crash-run", users, text);
        var kills = 0;
        foreach (var threshold in KillPoints(users.Count))
        {
            await Eventually.Until(() => Task.FromResult(Received(text).Count >= threshold ? "" : null), $"{threshold} deliveries before kill {kills + 1}", system.Logs, patience: OneDeliveryAtATime);
            await system.KillAsync("dispatcher");
            kills++;
            await system.StartAgainAsync("dispatcher");
        }

        await Eventually.Until(() => Task.FromResult(Received(text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient", system.Logs, patience: OneDeliveryAtATime);
        var posts = Received(text);
        var duplicates = posts.Count - users.Count;
        Report($"crash test: {users.Count} recipients, {kills} SIGKILLs of the Dispatcher, {posts.Select(p => p.ConversationId).Distinct().Count()} received, {duplicates} duplicates");
        Assert.Equal(users.Select(u => "emu-" + u).Order(), posts.Select(p => p.ConversationId).Distinct().Order());
        Assert.InRange(duplicates, 0, kills);
    }

    [Fact]
    public async Task Killing_the_dispatcher_during_a_300_recipient_broadcast_still_settles_its_status_and_completes_it_once() =>
        await DispatcherCrashes.BroadcastThroughKillsAsync(system, SeededRecipients.Users("crashb", 300), "crash broadcast");

    [Fact]
    public async Task Stopping_and_restarting_rabbitmq_in_the_middle_of_a_run_loses_no_command() =>
        await DispatcherCrashes.RestartTheBrokerMidRunAsync(system, SeededRecipients.Users("restart", 500), "broker restart");

    [Fact]
    public async Task Killing_the_dispatcher_right_after_a_cancel_never_reports_a_received_message_as_cancelled() =>
        await DispatcherCrashes.KillRightAfterACancelAsync(system, SeededRecipients.Users("cancelkill", 40), "kill after a cancel");

    private Task SeedAsync(IReadOnlyList<string> users) => DispatcherCrashes.SeedAsync(system, users);

    private async Task PublishAsync(string notificationId, IReadOnlyList<string> users, string text) =>
        await Task.WhenAll(users.Select(user => system.Outside.Bus.Publish(
            new SendNotification { NotificationId = notificationId, Recipient = new Recipient("emulator", user), Text = text },
            TestContext.Current.CancellationToken)));

    private List<RecordedActivity> Received(string text) => DispatcherCrashes.Received(system, text);

    private static readonly TimeSpan OneDeliveryAtATime = DispatcherCrashes.OneDeliveryAtATime;

    private static IEnumerable<int> KillPoints(int total) => DispatcherCrashes.KillPoints(total);

    private static void Report(string line) => DispatcherCrashes.Report(line);
}
