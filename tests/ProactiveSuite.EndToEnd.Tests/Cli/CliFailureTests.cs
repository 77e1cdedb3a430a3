using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>What an operator sees when the system says no: one line on stderr naming why, and an exit code that is not 0.</summary>
public sealed class CliFailureTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    [Fact]
    public async Task A_wrong_api_key_is_one_line_naming_401_and_exit_code_4()
    {
        var run = await new ProactiveCli(host.Url, "not-the-operator-key").RunAsync("status", "anything");

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.Contains("API key", line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task An_unknown_notification_is_one_line_saying_it_is_not_found_and_exit_code_5()
    {
        var run = await new ProactiveCli(host.Url, EmbeddedDefaultHost.LocalOperatorKey).RunAsync("status", "no-such-notification");

        Assert.Equal(5, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("404 Not Found", line, StringComparison.Ordinal);
        Assert.Contains("'no-such-notification'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_the_service_refuses_is_one_line_with_its_reason_and_exit_code_3()
    {
        var run = await new ProactiveCli(host.Url, EmbeddedDefaultHost.LocalOperatorKey).RunAsync("send", "--channel", "emulator", "--user", "ada", "--text", "");

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("400", line, StringComparison.Ordinal);
        Assert.Contains("text", line, StringComparison.Ordinal);
    }
}
