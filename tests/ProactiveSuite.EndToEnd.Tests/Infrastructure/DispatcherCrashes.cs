using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SIGKILLs of the Dispatcher in the middle of a run, on any system of separate processes whose Dispatcher posts
/// one delivery at a time (so a crash can repeat only the delivery it cut between the channel's answer and the
/// ledger's record: duplicates ≤ kills). The counts go to the test output and artifacts/reliability-counts.txt.
/// </summary>
public static class DispatcherCrashes
{
    /// <summary>One delivery at a time is slow on purpose: these waits bound a broken run, not speed.</summary>
    public static readonly TimeSpan OneDeliveryAtATime = TimeSpan.FromMinutes(4);

    private static readonly double[] KillShares = [0.15, 0.45, 0.75];

    /// <summary>
    /// The Dispatcher settings that make a crash repeat at most the one delivery it cut; the connector waits out the
    /// emulator's 5 s answer latency of <see cref="KillRightAfterACancelAsync"/>.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> OneAtATime =
    [
        new("Dispatcher__Delivery__ConcurrentDeliveries", "1"),
        new("Dispatcher__RateLimits__Enabled", "false"),
        new("Dispatcher__Delivery__ConnectorTimeout", "00:00:15"),
    ];

    /// <summary>
    /// Broadcasts to <paramref name="users"/> (seeded first), kills the Dispatcher three times along the way and
    /// starts it again each time; then everyone has it, duplicates ≤ kills, the status settles (pending 0,
    /// finishedAt set) and the outside service sees exactly one NotificationCompleted.
    /// </summary>
    public static async Task BroadcastThroughKillsAsync(RabbitMqSystem system, IReadOnlyList<string> users, string label)
    {
        await SeedAsync(system, users);
        var id = "crash-broadcast-" + Guid.NewGuid().ToString("N")[..8];
        var text = "Crash-safe broadcast " + id;

        await system.Outside.Bus.Publish(
            new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text },
            TestContext.Current.CancellationToken);
        var kills = 0;
        foreach (var threshold in KillPoints(users.Count))
        {
            await Eventually.Until(() => Task.FromResult(Received(system, text).Count >= threshold ? "" : null), $"{threshold} deliveries before kill {kills + 1}", system.Logs, patience: OneDeliveryAtATime);
            await system.KillAsync("dispatcher");
            kills++;
            await system.StartAgainAsync("dispatcher");
        }

        // Everyone received it; then the status must settle too: every count made, once.
        await Eventually.Until(() => Task.FromResult(Received(system, text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient", system.Logs, patience: OneDeliveryAtATime);
        var status = await Eventually.Until(
            async () => await system.StatusAsync(id) is { } s && s["finishedAt"] is not null ? s : null,
            "the broadcast's status to settle (finishedAt set)",
            system.Logs);
        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        var posts = Received(system, text);
        var duplicates = posts.Count - users.Count;
        var completions = system.Outside.Completed.All().Count(x => x.NotificationId == id);
        Report($"{label}: {users.Count} recipients, {kills} SIGKILLs of the Dispatcher, {posts.Select(p => p.ConversationId).Distinct().Count()} received, {duplicates} duplicates, status delivered {status["delivered"]} pending {status["pending"]} finished {status["finishedAt"] is not null}, {completions} NotificationCompleted (delivered {completed.Delivered})");
        Assert.Equal(users.Select(u => "emu-" + u).Order(), posts.Select(p => p.ConversationId).Distinct().Order());
        Assert.InRange(duplicates, 0, kills);
        Assert.Equal((users.Count, 0, users.Count), (Count(status, "delivered"), Count(status, "pending"), Count(status, "total")));
        Assert.Equal((users.Count, users.Count), (completed.Total, completed.Delivered));
        Assert.Equal(1, completions);
    }

    /// <summary>
    /// Kills the Dispatcher right after a cancel reached it, while a send the channel took still waits for its answer
    /// (the emulator's answer latency); after the restart, the status, the recipients list and the CSV call no one who
    /// received the message cancelled: each is Delivered or Unknown, and the counts and NotificationCompleted agree.
    /// </summary>
    public static async Task KillRightAfterACancelAsync(RabbitMqSystem system, IReadOnlyList<string> users, string label)
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(system, users);
        var id = "cancel-crash-" + Guid.NewGuid().ToString("N")[..8];
        var text = "Cancelled mid-send " + id;
        // Far longer than a cancel and a kill take, even on a loaded machine; shorter than the connector's timeout (OneAtATime).
        system.Channel.Faults.SetAnswerLatency(TimeSpan.FromSeconds(5));
        try
        {
            await system.Outside.Bus.Publish(
                new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text },
                ct);
            await Eventually.Until(() => Task.FromResult(Received(system, text).Count >= 2 ? "" : null), "2 deliveries before the cancel", system.Logs, patience: OneDeliveryAtATime);
            var taken = Received(system, text).Count;
            await Eventually.Until(() => Task.FromResult(Received(system, text).Count > taken ? "" : null), "a send just taken by the channel", system.Logs);

            // Taken before the kill: else the restarted Dispatcher might take the cut delivery back before the cancel.
            Assert.Equal(HttpStatusCode.Accepted, (await system.Http.PostAsync(new Uri(system.DispatcherUrl, $"/notifications/{id}/cancel"), null, ct)).StatusCode);
            await Eventually.Until(
                async () => await system.StatusAsync(id) is { } s && s["cancelRequested"]?.GetValue<bool>() == true ? "" : null,
                "the cancel to reach the Dispatcher",
                system.Logs);
            await system.KillAsync("dispatcher");
        }
        finally
        {
            system.Channel.Faults.SetAnswerLatency(TimeSpan.Zero);
        }

        await system.StartAgainAsync("dispatcher");
        var status = await Eventually.Until(
            async () => await system.StatusAsync(id) is { } s && s["finishedAt"] is not null ? s : null,
            "the cancelled broadcast's status to settle (finishedAt set)",
            system.Logs,
            patience: OneDeliveryAtATime);
        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        var received = Received(system, text).Select(a => a.ConversationId["emu-".Length..]).ToHashSet();
        var csv = await RecipientStatesFromCsvAsync(system, id);
        var listed = await RecipientStatesAsync(system, id);
        var (delivered, cancelled, unknown) = (Count(status, "delivered"), Count(status, "cancelled"), status["unknown"]?.GetValue<int>() ?? 0);
        Report($"{label}: {users.Count} recipients, {received.Count} received, status delivered {delivered} cancelled {cancelled} unknown {unknown}, " +
               $"received but listed cancelled: {received.Count(u => listed.GetValueOrDefault(u) == "Cancelled")}");

        Assert.All(received, user => Assert.Contains(listed.GetValueOrDefault(user), (string[])["Delivered", "Unknown"]));
        Assert.All(received, user => Assert.Contains(csv.GetValueOrDefault(user), (string[])["Delivered", "Unknown"]));
        Assert.Equal(listed, csv);
        Assert.All(listed.Where(r => r.Value == "Delivered"), r => Assert.Contains(r.Key, received));
        Assert.True(unknown >= 1, "The kill found no send taken by the channel and unanswered: the test did not make its case.");
        Assert.Equal(
            (users.Count, listed.Count(r => r.Value == "Delivered"), listed.Count(r => r.Value == "Unknown")),
            (delivered + cancelled + unknown, delivered, unknown));
        Assert.Equal((delivered, cancelled, unknown), (completed.Delivered, completed.Cancelled, completed.Unknown));
    }

    /// <summary>
    /// Stops RabbitMQ's node and starts it again while <paramref name="users"/> (seeded first) are sent one notification
    /// each: every command survives, and no one gets it twice (a restart is not a crash).
    /// </summary>
    public static async Task RestartTheBrokerMidRunAsync(RabbitMqSystem system, IReadOnlyList<string> users, string label)
    {
        Assert.SkipWhen(!system.Broker.IsPrivate, "NOT RUN: RABBITMQ_URI names a shared broker, which this test would have to stop.");
        await SeedAsync(system, users);
        var text = "Survives a broker restart " + Guid.NewGuid().ToString("N")[..8];

        await Task.WhenAll(users.Select(user => system.Outside.Bus.Publish(
            new SendNotification { NotificationId = "restart-run", Recipient = new Recipient("emulator", user), Text = text },
            TestContext.Current.CancellationToken)));
        await Eventually.Until(() => Task.FromResult(Received(system, text).Count >= users.Count / 5 ? "" : null), "a fifth of the deliveries before the restart", system.Logs, patience: OneDeliveryAtATime);
        await system.Broker.StopAsync();
        await system.Broker.StartAgainAsync(TestContext.Current.CancellationToken);

        await Eventually.Until(() => Task.FromResult(Received(system, text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient after the restart", () => system.Logs() + system.Broker.LogTail(), patience: OneDeliveryAtATime);
        var duplicates = Received(system, text).Count - users.Count;
        Report($"{label}: {users.Count} recipients, {duplicates} duplicates");
        // A restart is not a crash: a send the channel accepted is recorded whatever the connection did.
        Assert.Equal(0, duplicates);
    }

    /// <summary>Captures <paramref name="users"/> as the Gateway would, and waits until the Registry has stored every one.</summary>
    public static async Task SeedAsync(RabbitMqSystem system, IReadOnlyList<string> users)
    {
        await SeededRecipients.CaptureAsync(system.Outside.Bus, system.Channel.BaseUrl, users, TestContext.Current.CancellationToken);
        // Captures are stored in any order: wait for every one, not just the last published.
        await Eventually.Until(
            async () => await StoredCountAsync(system, users[0][..users[0].LastIndexOf('-')]) >= users.Count ? "" : null,
            "every seeded reference",
            system.Logs,
            patience: OneDeliveryAtATime);
    }

    public static List<RecordedActivity> Received(RabbitMqSystem system, string text) => system.Channel.Transcript.All().Where(a => a.Text == text).ToList();

    public static IEnumerable<int> KillPoints(int total) =>
        KillShares.Select(share => (int)(total * (share + (Random.Shared.NextDouble() * 0.1))));

    /// <summary>Writes <paramref name="line"/> to the test output and appends it to artifacts/reliability-counts.txt.</summary>
    public static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        var file = Path.Combine(RepositoryPaths.Artifacts, "reliability-counts.txt");
        Directory.CreateDirectory(RepositoryPaths.Artifacts);
        File.AppendAllText(file, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}"));
    }

    private static int Count(JsonObject status, string name) => status[name]!.GetValue<int>();

    /// <summary>userId → state, from <c>GET /notifications/{id}/recipients</c>, page by page.</summary>
    private static async Task<Dictionary<string, string>> RecipientStatesAsync(RabbitMqSystem system, string notificationId)
    {
        var states = new Dictionary<string, string>();
        string? after = null;
        do
        {
            var url = new Uri(system.DispatcherUrl, $"/notifications/{notificationId}/recipients?limit=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = JsonNode.Parse(await system.Http.GetStringAsync(url, TestContext.Current.CancellationToken))!;
            foreach (var item in page["items"]!.AsArray())
            {
                states[item!["userId"]!.GetValue<string>()] = item["state"]!.GetValue<string>();
            }

            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return states;
    }

    /// <summary>userId → state, from <c>GET /notifications/{id}/recipients.csv</c> (columns channelId, userId, state, …).</summary>
    private static async Task<Dictionary<string, string>> RecipientStatesFromCsvAsync(RabbitMqSystem system, string notificationId)
    {
        var csv = await system.Http.GetStringAsync(new Uri(system.DispatcherUrl, $"/notifications/{notificationId}/recipients.csv"), TestContext.Current.CancellationToken);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(line => line.Split(','));
        return rows.ToDictionary(cells => cells[1], cells => cells[2]);
    }

    private static async Task<int> StoredCountAsync(RabbitMqSystem system, string prefix)
    {
        var count = 0;
        string? after = null;
        do
        {
            var url = new Uri(system.RegistryUrl, "/references?channelId=emulator&limit=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = JsonNode.Parse(await system.Http.GetStringAsync(url, TestContext.Current.CancellationToken))!;
            count += page["items"]!.AsArray().Count(i => i!["address"]!["user"]!["id"]!.GetValue<string>().StartsWith(prefix + "-", StringComparison.Ordinal));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return count;
    }
}
