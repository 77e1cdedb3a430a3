using System.Globalization;
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
    protected override IEnumerable<KeyValuePair<string, string>> DispatcherSettings() =>
    [
        new("Dispatcher__Delivery__ConcurrentDeliveries", "1"),
        new("Dispatcher__RateLimits__Enabled", "false"),
    ];
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
    public async Task Killing_the_dispatcher_during_a_300_recipient_broadcast_still_settles_its_status_and_completes_it_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = SeededRecipients.Users("crashb", 300);
        await SeedAsync(users);
        var id = "crash-broadcast-" + Guid.NewGuid().ToString("N")[..8];
        const string text = "Crash-safe broadcast";

        await system.Outside.Bus.Publish(
            new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text }, ct);
        var kills = 0;
        foreach (var threshold in KillPoints(users.Count))
        {
            await Eventually.Until(() => Task.FromResult(Received(text).Count >= threshold ? "" : null), $"{threshold} deliveries before kill {kills + 1}", system.Logs, patience: OneDeliveryAtATime);
            await system.KillAsync("dispatcher");
            kills++;
            await system.StartAgainAsync("dispatcher");
        }

        // Everyone received it; then the status must settle too: every count made, once.
        await Eventually.Until(() => Task.FromResult(Received(text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient", system.Logs, patience: OneDeliveryAtATime);
        var status = await Eventually.Until(
            async () => await system.StatusAsync(id) is { } s && s["finishedAt"] is not null ? s : null,
            "the broadcast's status to settle (finishedAt set)",
            system.Logs);
        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        var completions = system.Outside.Completed.All().Count(x => x.NotificationId == id);
        Report($"crash broadcast: {users.Count} recipients, {kills} SIGKILLs of the Dispatcher, {Received(text).Count - users.Count} duplicates, status delivered {status["delivered"]} pending {status["pending"]} finished {status["finishedAt"] is not null}, {completions} NotificationCompleted (delivered {completed.Delivered})");
        Assert.Equal((300, 0, 300), (status["delivered"]!.GetValue<int>(), status["pending"]!.GetValue<int>(), status["total"]!.GetValue<int>()));
        Assert.Equal((300, 300), (completed.Total, completed.Delivered));
        Assert.Equal(1, completions);
    }

    [Fact]
    public async Task Stopping_and_restarting_rabbitmq_in_the_middle_of_a_run_loses_no_command()
    {
        Assert.SkipWhen(!system.Broker.IsPrivate, "NOT RUN: RABBITMQ_URI names a shared broker, which this test would have to stop.");
        var users = SeededRecipients.Users("restart", 500);
        await SeedAsync(users);
        const string text = "Survives a broker restart";

        await PublishAsync("restart-run", users, text);
        await Eventually.Until(() => Task.FromResult(Received(text).Count >= 100 ? "" : null), "100 deliveries before the restart", system.Logs, patience: OneDeliveryAtATime);
        await system.Broker.StopAsync();
        await system.Broker.StartAgainAsync(TestContext.Current.CancellationToken);

        await Eventually.Until(() => Task.FromResult(Received(text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient after the restart", () => system.Logs() + system.Broker.LogTail(), patience: OneDeliveryAtATime);
        var duplicates = Received(text).Count - users.Count;
        Report($"broker restart: {users.Count} recipients, {duplicates} duplicates");
        // A restart is not a crash: a send the channel accepted is recorded whatever the connection did.
        Assert.Equal(0, duplicates);
    }

    private async Task SeedAsync(IReadOnlyList<string> users)
    {
        await SeededRecipients.CaptureAsync(system.Outside.Bus, system.Channel.BaseUrl, users, TestContext.Current.CancellationToken);
        // Captures are stored in any order: wait for every one, not just the last published.
        await Eventually.Until(
            async () => await StoredCountAsync(users[0][..users[0].LastIndexOf('-')]) >= users.Count ? "" : null,
            "every seeded reference",
            system.Logs);
    }

    private async Task<int> StoredCountAsync(string prefix)
    {
        var count = 0;
        string? after = null;
        do
        {
            var url = new Uri(system.RegistryUrl, "/references?channelId=emulator&limit=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = System.Text.Json.Nodes.JsonNode.Parse(await system.Http.GetStringAsync(url, TestContext.Current.CancellationToken))!;
            count += page["items"]!.AsArray().Count(i => i!["address"]!["user"]!["id"]!.GetValue<string>().StartsWith(prefix + "-", StringComparison.Ordinal));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return count;
    }

    private async Task PublishAsync(string notificationId, IReadOnlyList<string> users, string text) =>
        await Task.WhenAll(users.Select(user => system.Outside.Bus.Publish(
            new SendNotification { NotificationId = notificationId, Recipient = new Recipient("emulator", user), Text = text },
            TestContext.Current.CancellationToken)));

    private List<RecordedActivity> Received(string text) => system.Channel.Transcript.All().Where(a => a.Text == text).ToList();

    // One delivery at a time is slow on purpose (see OneAtATimeSystem): these waits bound a broken run, not speed.
    private static readonly TimeSpan OneDeliveryAtATime = TimeSpan.FromMinutes(4);

    private static readonly double[] KillShares = [0.15, 0.45, 0.75];

    private static IEnumerable<int> KillPoints(int total) =>
        KillShares.Select(share => (int)(total * (share + (Random.Shared.NextDouble() * 0.1))));

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        var file = Path.Combine(RepositoryPaths.Artifacts, "reliability-counts.txt");
        Directory.CreateDirectory(RepositoryPaths.Artifacts);
        File.AppendAllText(file, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}"));
    }
}
