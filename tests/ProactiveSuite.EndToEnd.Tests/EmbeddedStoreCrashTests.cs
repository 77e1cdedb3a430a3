using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The embedded default killed mid-broadcast: three SIGKILLs of its one process during a 2,000-recipient
/// broadcast. After each kill every SQLite file passes its integrity check and the host starts on them again
/// with every count it had committed; then everyone has the broadcast, duplicates ≤ kills (a lost commit of the ledger would repost whoever it
/// recorded, far more than one per kill) and the status settles. The Dispatcher posts one delivery at a time,
/// so a kill can repeat only the delivery it cut between the channel's answer and the ledger's record.
/// </summary>
public sealed class EmbeddedStoreCrashTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "psuite-host-crash-" + Guid.NewGuid().ToString("N"));
    private ChannelEmulatorServer _channel = null!;
    private HostProcess _host = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await ChannelEmulatorServer.StartAsync(ct: TestContext.Current.CancellationToken);
        _host = new HostProcess("host", _data, _channel, DispatcherCrashes.OneAtATime.ToDictionary());
        await _host.StartAsync();
    }

    [Fact]
    public async Task Killing_the_host_three_times_during_a_2000_recipient_broadcast_loses_nothing_committed_and_settles()
    {
        var users = SeededRecipients.Users("hcrash", 2000);
        await _host.UsersWriteAsync(users);
        var id = "host-crash-" + Guid.NewGuid().ToString("N")[..8];
        var text = "Crash-safe on the embedded store " + id;

        await _host.BroadcastToChannelAsync(id, text);
        var kills = 0;
        foreach (var threshold in DispatcherCrashes.KillPoints(users.Count))
        {
            await Eventually.Until(() => Task.FromResult(Received(text).Count >= threshold ? "" : null), $"{threshold} deliveries before kill {kills + 1}", _host.Logs, patience: DispatcherCrashes.OneDeliveryAtATime);
            await _host.KillAsync();
            kills++;
            var receivedAtKill = Received(text).Select(a => a.ConversationId).Distinct().Count();
            Assert.All(HostProcess.IntegrityOf(_data), file => Assert.Equal("ok", file.Value));
            await _host.StartAsync();
            // Committed counts survive; a delivery settled but not yet counted at the kill is counted when the
            // restarted Host reports it again, so wait for that; only the one delivery the kill cut may be missing.
            await Eventually.Until(async () => (await _host.StatusAsync(id))!["delivered"]!.GetValue<int>() >= receivedAtKill - 1 ? "" : null,
                $"the {receivedAtKill} received before kill {kills} to be counted after the restart", _host.Logs, patience: DispatcherCrashes.OneDeliveryAtATime);
        }

        await Eventually.Until(() => Task.FromResult(Received(text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient", _host.Logs, patience: DispatcherCrashes.OneDeliveryAtATime);
        var status = await Eventually.Until(async () => await _host.StatusAsync(id) is { } s && s["finishedAt"] is not null ? s : null, "the broadcast's status to settle (finishedAt set)", _host.Logs, patience: DispatcherCrashes.OneDeliveryAtATime);
        var posts = Received(text);
        var duplicates = posts.Count - users.Count;
        DispatcherCrashes.Report($"embedded default crash broadcast (SQLite): {users.Count} recipients, {kills} SIGKILLs of the Host, {posts.Select(p => p.ConversationId).Distinct().Count()} received, {duplicates} duplicates, status delivered {status["delivered"]} pending {status["pending"]} finished {status["finishedAt"] is not null}");
        Assert.InRange(duplicates, 0, kills);
        Assert.Equal((users.Count, 0, users.Count), (status["delivered"]!.GetValue<int>(), status["pending"]!.GetValue<int>(), status["total"]!.GetValue<int>()));
    }

    private List<RecordedActivity> Received(string text) => _channel.Transcript.All().Where(a => a.Text == text).ToList();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
