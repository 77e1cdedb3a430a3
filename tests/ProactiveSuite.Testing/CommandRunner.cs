using System.Diagnostics;
using System.Text;

namespace ProactiveSuite.Testing;

/// <summary>Runs a short-lived command to completion and collects its output.</summary>
public static class CommandRunner
{
    /// <param name="ExitCode">How the command ended.</param>
    /// <param name="Output">Standard output and standard error, interleaved as they came.</param>
    /// <param name="TimedOut">It was killed after the timeout.</param>
    /// <param name="Stdout">Standard output alone.</param>
    /// <param name="Stderr">Standard error alone.</param>
    public sealed record Result(int ExitCode, string Output, bool TimedOut, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        Action<IDictionary<string, string?>>? configureEnvironment,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        configureEnvironment?.Invoke(startInfo.Environment);

        var output = new StringBuilder();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data, output, stdout);
        process.ErrorDataReceived += (_, e) => Append(e.Data, output, stderr);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new Result(process.ExitCode, Snapshot(output), TimedOut: true, Snapshot(stdout), Snapshot(stderr));
        }

        // WaitForExitAsync also waits for the redirected streams to close: the output is complete.
        return new Result(process.ExitCode, Snapshot(output), TimedOut: false, Snapshot(stdout), Snapshot(stderr));
    }

    private static void Append(string? line, StringBuilder interleaved, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (interleaved)
        {
            interleaved.AppendLine(line);
            stream.AppendLine(line);
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
