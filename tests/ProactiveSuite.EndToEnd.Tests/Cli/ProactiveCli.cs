using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>
/// The built `proactive` tool run as an operator runs it: its own process, output redirected (as in CI),
/// the connection from the environment variables the README documents.
/// </summary>
public sealed class ProactiveCli(Uri url, string? apiKey)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>What one run printed and how it ended.</summary>
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> StdoutLines => Lines(Stdout);

        public IReadOnlyList<string> StderrLines => Lines(Stderr);

        public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}stderr:{Environment.NewLine}{Stderr}";

        private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async Task<Run> RunAsync(params string[] arguments)
    {
        var result = await CommandRunner.RunAsync(
            DotnetHost.Path,
            [RepositoryPaths.ToolDll("ProactiveSuite.Cli", "proactive"), .. arguments],
            environment =>
            {
                environment["PROACTIVE_URL"] = url.ToString();
                environment.Remove("PROACTIVE_REGISTRY_URL");
                if (apiKey is null)
                {
                    environment.Remove("PROACTIVE_API_KEY");
                }
                else
                {
                    environment["PROACTIVE_API_KEY"] = apiKey;
                }
            },
            Patience,
            TestContext.Current.CancellationToken);
        Assert.False(result.TimedOut, $"proactive {string.Join(' ', arguments)} did not end within {Patience.TotalSeconds} s.{Environment.NewLine}{result.Output}");
        return new Run(result.ExitCode, result.Stdout, result.Stderr);
    }
}
