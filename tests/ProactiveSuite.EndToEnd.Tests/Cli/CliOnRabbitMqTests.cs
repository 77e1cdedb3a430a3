using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>
/// The `proactive` tool against the services as separate processes over RabbitMQ: --url is the Dispatcher,
/// --registry-url the Registry, as in a production deployment.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class CliOnRabbitMqTests(RabbitMqSystem system) : IDisposable
{
    private readonly string _recipients = Path.Combine(Path.GetTempPath(), "psuite-cli-recipients-" + Guid.NewGuid().ToString("N") + ".txt");

    private ProactiveCli Cli => new(system.DispatcherUrl, ServiceEnvironment.OperatorApiKey);

    [Fact]
    public async Task A_broadcast_from_a_file_shows_its_progress_and_settles_with_the_delivered_and_the_failed()
    {
        var prefix = "cli" + Guid.NewGuid().ToString("N")[..8];
        var users = SeededRecipients.Users(prefix, 150);
        await SeededRecipients.CaptureAsync(system.Outside.Bus, system.Channel.BaseUrl, users, TestContext.Current.CancellationToken);
        foreach (var user in users)
        {
            await Eventually.Until(() => system.ReferenceAsync("emulator", user), $"the reference of {user}", system.Logs);
        }

        await File.WriteAllLinesAsync(_recipients, ["# everyone seeded, and one who never wrote", .. users, $"emulator,{prefix}-nobody"], TestContext.Current.CancellationToken);
        var id = "cli-b-" + Guid.NewGuid().ToString("N")[..8];

        var run = await Cli.RunAsync("broadcast", "--channel", "emulator", "--to-file", _recipients, "--text", "From the command line " + prefix, "--id", id);

        TestContext.Current.TestOutputHelper?.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run + system.Logs());
        Assert.Contains(run.StdoutLines, line => line.StartsWith($"{id}: delivered ", StringComparison.Ordinal));
        Assert.StartsWith($"Broadcast {id} settled: 150 delivered, 1 failed, 0 cancelled, ", run.StdoutLines[^1], StringComparison.Ordinal);
        Assert.Equal(150, system.Channel.Transcript.All().Count(a => a.Text == "From the command line " + prefix));

        var status = await Cli.RunAsync("status", id);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains(status.StdoutLines, line => line.Contains("NoReference", StringComparison.Ordinal) && line.Contains('1', StringComparison.Ordinal));
    }

    [Fact]
    public async Task References_are_read_from_the_registry_url()
    {
        var user = await system.UserWhoWroteAsync();

        var run = await Cli.RunAsync("references", "--registry-url", system.RegistryUrl.ToString(), "--channel", "emulator", "--user", user);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, line => line.Contains(user, StringComparison.Ordinal));
    }

    public void Dispose() => File.Delete(_recipients);
}
