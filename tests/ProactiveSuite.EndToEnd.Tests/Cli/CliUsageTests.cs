using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>The tool on its own: help on every command, and the mistakes it catches before calling anything.</summary>
public sealed class CliUsageTests
{
    private static readonly Uri Nowhere = new($"http://127.0.0.1:{FreePort.Next()}");

    [Theory]
    [InlineData("")]
    [InlineData("send")]
    [InlineData("broadcast")]
    [InlineData("survey")]
    [InlineData("status")]
    [InlineData("references")]
    [InlineData("cancel")]
    [InlineData("recall")]
    [InlineData("edit")]
    public async Task Help_describes_every_command(string command)
    {
        string[] arguments = command.Length == 0 ? ["--help"] : [command, "--help"];

        var run = await new ProactiveCli(Nowhere, apiKey: null).RunAsync(arguments);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"proactive {command}".TrimEnd(), run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--api-key", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task A_missing_option_is_one_line_naming_it_and_exit_code_2()
    {
        var run = await new ProactiveCli(Nowhere, apiKey: null).RunAsync("send", "--channel", "emulator", "--text", "hi");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("--user", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broadcast_without_an_audience_is_one_line_and_exit_code_2()
    {
        var run = await new ProactiveCli(Nowhere, apiKey: null).RunAsync("broadcast", "--text", "to whom?");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("--channel", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_that_is_not_running_is_one_line_saying_so_and_exit_code_6()
    {
        var run = await new ProactiveCli(Nowhere, apiKey: "any").RunAsync("status", "anything");

        Assert.Equal(6, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("cannot reach", line, StringComparison.Ordinal);
        Assert.Contains(Nowhere.Authority, line, StringComparison.Ordinal);
    }
}
