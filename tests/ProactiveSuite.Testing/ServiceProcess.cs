using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ProactiveSuite.Testing;

/// <summary>
/// A built .NET service (dotnet &lt;dll&gt;) running as its own OS process, with its output kept for diagnostics:
/// the last lines in memory (<see cref="LogTail"/>) and everything in <see cref="LogFilePath"/>.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>How long the service may take to answer 200 on its health URL.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long <see cref="StopAsync"/> waits after SIGTERM before killing the process tree.</summary>
    public static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly OutputCapture _output;
    private readonly OrphanWatchdog _watchdog;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;
    private int? _exitCode; // kept once disposed, when _process can no longer tell

    private ServiceProcess(string name, Process process, OutputCapture output)
    {
        Name = name;
        _process = process;
        _output = output;
        ProcessId = process.Id;
        _watchdog = OrphanWatchdog.WatchProcess(process.Id);
    }

    /// <summary>The name given at start (used in messages and the log file name).</summary>
    public string Name { get; }

    /// <summary>The OS process id of the service.</summary>
    public int ProcessId { get; }

    /// <summary>The file receiving all of the service's stdout and stderr.</summary>
    public string LogFilePath => _output.LogFilePath;

    /// <summary>Whether the process has exited (crashed, killed or stopped).</summary>
    public bool HasExited => _exitCode is not null || _process.HasExited;

    /// <summary>The exit code once exited, else null.</summary>
    public int? ExitCode => _exitCode ?? (_process.HasExited ? _process.ExitCode : null);

    /// <summary>
    /// Runs <c>dotnet &lt;dllPath&gt;</c> (working directory: the dll's folder) with ASPNETCORE_ENVIRONMENT=Development
    /// plus <paramref name="environment"/>, and returns once GET <paramref name="healthUrl"/> answers 200.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited before it was healthy.</exception>
    /// <exception cref="TimeoutException">It was not healthy within <see cref="StartupTimeout"/> (it is killed).</exception>
    public static async Task<ServiceProcess> StartAsync(
        string name,
        string dllPath,
        IReadOnlyDictionary<string, string> environment,
        Uri healthUrl,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(healthUrl);
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"{dllPath} does not exist: build the solution first.", dllPath);
        }

        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dllPath))!,
        };
        startInfo.ArgumentList.Add(Path.GetFullPath(dllPath));
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var output = new OutputCapture(TestLogDirectory.NewFile(name));
        output.Append(string.Create(CultureInfo.InvariantCulture, $"===== {DateTimeOffset.Now:O} starting {name}: {DotnetHost.Path} {dllPath}"));
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Append(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Append("[stderr] " + e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            output.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(name, process, output);
        try
        {
            await service.WaitUntilHealthyAsync(healthUrl, ct).ConfigureAwait(false);
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines the service wrote (stderr lines prefixed "[stderr] ").</summary>
    public string LogTail(int lines = 80) => _output.Tail(lines);

    /// <summary>Kills the service and all its child processes at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                await KillTreeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the service gracefully (SIGTERM, as a container stop would), killing it after <see cref="GracefulStopTimeout"/>.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                await StopCoreAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the service (see <see cref="StopAsync"/>) and closes its log file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopCoreAsync().ConfigureAwait(false);
            _watchdog.Dispose();
            _exitCode = _process.HasExited ? _process.ExitCode : -1;
            _process.Dispose();
            _output.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (pid {ProcessId})";

    private async Task WaitUntilHealthyAsync(Uri healthUrl, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        HttpStatusCode? lastStatus = null;
        string? lastError = null;
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    await WaitForOutputAsync().ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"{this} exited with code {_process.ExitCode} before {healthUrl} answered 200.\n{Diagnostics()}");
                }

                try
                {
                    using var response = await http.GetAsync(healthUrl, timeout.Token).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }

                    lastStatus = response.StatusCode;
                }
                catch (HttpRequestException e)
                {
                    lastError = e.Message;
                }
                catch (TaskCanceledException e) when (!timeout.IsCancellationRequested)
                {
                    lastError = e.Message; // this request's own timeout
                }

                await Task.Delay(HealthPollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var last = lastStatus is null ? lastError ?? "no answer" : $"last status {(int)lastStatus} {lastStatus}";
            throw new TimeoutException(
                $"{this} did not answer 200 on {healthUrl} within {StartupTimeout.TotalSeconds:0} s ({last}).\n{Diagnostics()}");
        }
    }

    private async Task StopCoreAsync()
    {
        if (_process.HasExited)
        {
            await WaitForOutputAsync().ConfigureAwait(false);
            return;
        }

        ProcessSignals.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _output.Append($"===== {Name} did not stop within {GracefulStopTimeout.TotalSeconds:0} s of SIGTERM: killing it");
        }

        await KillTreeAsync().ConfigureAwait(false);
    }

    private async Task KillTreeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true); // no-op once exited
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        await WaitForOutputAsync().ConfigureAwait(false);
    }

    private async Task WaitForOutputAsync()
    {
        // WaitForExitAsync also waits for the redirected output to be read to its end.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // a grandchild still holds the output pipe open; the tail is good enough
        }
    }

    private string Diagnostics() => $"Log file: {LogFilePath}\n--- last 80 lines ---\n{LogTail()}";
}
