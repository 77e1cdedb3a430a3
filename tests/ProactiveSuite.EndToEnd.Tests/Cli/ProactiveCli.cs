using System.Diagnostics;
using System.Text;
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
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.ToolDll("ProactiveSuite.Cli", "proactive"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PROACTIVE_URL"] = url.ToString();
        startInfo.Environment.Remove("PROACTIVE_REGISTRY_URL");
        if (apiKey is null)
        {
            startInfo.Environment.Remove("PROACTIVE_API_KEY");
        }
        else
        {
            startInfo.Environment["PROACTIVE_API_KEY"] = apiKey;
        }

        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"proactive {string.Join(' ', arguments)} did not end within {Patience.TotalSeconds} s.{Environment.NewLine}{Snapshot(stdout)}{Snapshot(stderr)}");
        }

        // WaitForExitAsync also waits for the redirected streams to close: the output is complete.
        return new Run(process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
