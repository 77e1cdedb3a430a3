using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// Two processes on one embedded store: two hosts on the same data directory, so the same SQLite files.
/// SQLite's locks let both work: one captures the users, the other sees them; both fan out the same broadcast
/// at once, and the shared ledger lets each recipient be posted once; the files stay intact.
/// </summary>
public sealed class EmbeddedStoreProcessesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Unpaced = new() { ["Dispatcher__RateLimits__Enabled"] = "false" };
    private readonly string _data = Path.Combine(Path.GetTempPath(), "psuite-two-hosts-" + Guid.NewGuid().ToString("N"));
    private ChannelEmulatorServer _channel = null!;
    private HostProcess _first = null!;
    private HostProcess _second = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await ChannelEmulatorServer.StartAsync(ct: TestContext.Current.CancellationToken);
        _first = new HostProcess("host-1", _data, _channel, Unpaced);
        _second = new HostProcess("host-2", _data, _channel, Unpaced);
        await Task.WhenAll(_first.StartAsync(), _second.StartAsync());
    }

    [Fact]
    public async Task Two_hosts_on_one_data_directory_both_work_post_each_recipient_once_and_leave_the_files_intact()
    {
        var users = SeededRecipients.Users("twohosts", 300);
        await _first.UsersWriteAsync(users);
        await Eventually.Until(async () => await _second.StoredReferencesAsync() >= users.Count ? "" : null, "the second host to see the references the first stored", Logs);
        var id = "two-hosts-" + Guid.NewGuid().ToString("N")[..8];
        var text = "One ledger, two processes " + id;

        await Task.WhenAll(_first.BroadcastToChannelAsync(id, text), _second.BroadcastToChannelAsync(id, text));

        await Eventually.Until(() => Task.FromResult(Received(text).Select(a => a.ConversationId).Distinct().Count() == users.Count ? "" : null), "every recipient", Logs);
        foreach (var host in new[] { _first, _second })
        {
            var status = await Eventually.Until(async () => await host.StatusAsync(id) is { } s && s["finishedAt"] is not null ? s : null, "the status on both hosts to settle", Logs);
            Assert.Equal((users.Count, users.Count), (status["total"]!.GetValue<int>(), status["delivered"]!.GetValue<int>()));
        }

        DispatcherCrashes.Report($"two hosts on one SQLite directory: {users.Count} recipients, {Received(text).Count} posts");
        Assert.Equal(users.Count, Received(text).Count);
        await _first.KillAsync();
        await _second.KillAsync();
        Assert.All(HostProcess.IntegrityOf(_data), file => Assert.Equal("ok", file.Value));
    }

    private string Logs() => _first.Logs() + Environment.NewLine + _second.Logs();

    private List<RecordedActivity> Received(string text) => _channel.Transcript.All().Where(a => a.Text == text).ToList();

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _channel.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
