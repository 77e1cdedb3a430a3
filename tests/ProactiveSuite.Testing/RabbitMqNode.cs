using System.Diagnostics;

namespace ProactiveSuite.Testing;

/// <summary>
/// A RabbitMQ broker for tests: the one named by the RABBITMQ_URI environment variable, used as-is,
/// or else a private node of this test run (own name, ports, data and log directories), started from the
/// locally installed rabbitmq-server and removed again on dispose.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    /// <summary>How long starting (or restarting) may take before it fails with the node's log tail.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private const int MaxStartAttempts = 3;

    private readonly RabbitMqInstallation? _installation;
    private readonly RabbitMqNodeLayout? _layout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _server;
    private OrphanWatchdog? _watchdog;
    private bool _disposed;

    private RabbitMqNode(Uri externalBroker) => AmqpUri = externalBroker;

    private RabbitMqNode(RabbitMqInstallation installation, RabbitMqNodeLayout layout)
    {
        _installation = installation;
        _layout = layout;
        AmqpUri = layout.AmqpUri;
    }

    /// <summary>amqp://guest:guest@127.0.0.1:&lt;port&gt;/ for a private node, else RABBITMQ_URI.</summary>
    public Uri AmqpUri { get; }

    /// <summary>True when this run started the node itself (so it may be stopped and restarted).</summary>
    public bool IsPrivate => _layout is not null;

    /// <summary>The Erlang node name (psuite-&lt;pid&gt;-&lt;random&gt;@localhost), null for an external broker.</summary>
    public string? NodeName => _layout?.NodeName;

    /// <summary>The node's temp directory (data, logs, config), null for an external broker.</summary>
    public string? DataDirectory => _layout?.Directory;

    /// <summary>Whether the private node's process is running; always true for an external broker.</summary>
    public bool IsRunning => !IsPrivate || _server is { HasExited: false };

    /// <summary>
    /// Uses RABBITMQ_URI when set, else starts a private node; returns once the broker accepts AMQP connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">rabbitmq-server is not installed, or the node failed to start.</exception>
    /// <exception cref="TimeoutException">The broker did not accept connections within <see cref="StartupTimeout"/>.</exception>
    public static async Task<RabbitMqNode> StartAsync(CancellationToken ct = default)
    {
        var externalUri = Environment.GetEnvironmentVariable("RABBITMQ_URI");
        if (!string.IsNullOrWhiteSpace(externalUri))
        {
            var external = new RabbitMqNode(new Uri(externalUri));
            await external.WaitUntilReadyAsync(ct).ConfigureAwait(false);
            return external;
        }

        var installation = RabbitMqInstallation.Locate();
        RabbitMqOrphanReaper.ReapOrphans();
        for (var attempt = 1; ; attempt++)
        {
            var node = new RabbitMqNode(installation, RabbitMqNodeLayout.Create());
            try
            {
                await node.StartServerAsync(ct).ConfigureAwait(false);
                return node;
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts && node.FailedOnPortClash())
            {
                await node.DisposeAsync().ConfigureAwait(false); // someone took a port in the meantime: new ports
            }
            catch
            {
                await node.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops the private node gracefully (rabbitmqctl stop), keeping its data for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        ThrowIfExternal(nameof(StopAsync));
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopServerAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the stopped private node again with the same name, ports and data (durable queues survive).</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ThrowIfExternal(nameof(StartAgainAsync));
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_server is { HasExited: false })
            {
                return; // already running
            }

            await StopServerAsync().ConfigureAwait(false); // releases the exited process and its watchdog
            await StartServerAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last lines of the node's console output and of its log file (for failure messages).</summary>
    public string LogTail(int lines = 80)
    {
        if (_layout is null)
        {
            return $"(external broker {Redacted(AmqpUri)}: no logs available)";
        }

        return $"""
            --- {_layout.ServerOutputFile} (last {lines} lines) ---
            {TextFileTail.Read(_layout.ServerOutputFile, lines)}
            --- {_layout.NodeLogFile} (last {lines} lines) ---
            {TextFileTail.Read(_layout.NodeLogFile, lines)}
            """;
    }

    /// <summary>Stops a private node (rabbitmqctl stop, then killing its process tree) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_layout is null)
        {
            _disposed = true;
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopServerAsync().ConfigureAwait(false);
            DeleteDirectory(_layout.Directory);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsPrivate ? $"private RabbitMQ node {NodeName} at {AmqpUri}" : $"external RabbitMQ broker {Redacted(AmqpUri)}";

    private async Task StartServerAsync(CancellationToken ct)
    {
        var layout = _layout!;
        await File.AppendAllTextAsync(
            layout.ServerOutputFile,
            $"===== {DateTimeOffset.Now:O} starting {layout.NodeName} (AMQP {layout.AmqpPort}, distribution {layout.DistributionPort})\n",
            ct).ConfigureAwait(false);

        // rabbitmq-server (a sh script that runs beam.smp as its child) in a session of its own, so its whole
        // process group can be killed and Ctrl+C on the test run does not reach it. Output goes straight to the
        // file, so nothing depends on this process reading a pipe.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = layout.Directory,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("""
            if command -v setsid >/dev/null 2>&1; then exec setsid "$0" </dev/null >>"$1" 2>&1; fi
            exec "$0" </dev/null >>"$1" 2>&1
            """);
        startInfo.ArgumentList.Add(_installation!.ServerScript);
        startInfo.ArgumentList.Add(layout.ServerOutputFile);
        layout.ApplyEnvironment(startInfo.Environment);

        _server = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {_installation.ServerScript}.");
        _watchdog = OrphanWatchdog.WatchProcessGroup(_server.Id);
        await WaitUntilReadyAsync(ct).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            while (true)
            {
                if (_server is { HasExited: true })
                {
                    throw new InvalidOperationException(
                        $"RabbitMQ node {NodeName} exited with code {_server.ExitCode} while starting.\n{LogTail()}");
                }

                if (await AmqpProbe.CanConnectAsync(AmqpUri, timeout.Token).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{this} did not accept AMQP connections within {StartupTimeout.TotalSeconds:0} s.\n{LogTail()}");
        }
    }

    private async Task StopServerAsync()
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        try
        {
            if (!server.HasExited)
            {
                await StopGracefullyAsync(server).ConfigureAwait(false);
            }

            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync().ConfigureAwait(false);
            }

            ProcessSignals.KillGroup(server.Id); // anything of the node's session still left (no-op normally)
        }
        finally
        {
            _watchdog?.Dispose();
            _watchdog = null;
            server.Dispose();
            _server = null;
        }
    }

    private async Task StopGracefullyAsync(Process server)
    {
        var layout = _layout!;
        try
        {
            await CommandRunner.RunAsync(
                _installation!.CtlScript,
                ["-n", layout.NodeName, "stop", layout.PidFile],
                layout.ApplyEnvironment,
                CtlTimeout).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // rabbitmqctl could not run: fall through to signals
        }

        if (await ExitsWithinAsync(server, ExitTimeout).ConfigureAwait(false))
        {
            return;
        }

        ProcessSignals.Terminate(server.Id);
        await ExitsWithinAsync(server, ExitTimeout).ConfigureAwait(false);
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private bool FailedOnPortClash() => LogTail(400).Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase);

    private void ThrowIfExternal(string operation)
    {
        if (!IsPrivate)
        {
            throw new InvalidOperationException(
                $"{operation} needs a private RabbitMQ node, but RABBITMQ_URI points the tests at {Redacted(AmqpUri)}. " +
                "Skip this test when RabbitMqNode.IsPrivate is false.");
        }
    }

    private static string Redacted(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : uri.ToString().Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal);

    private static void DeleteDirectory(string directory)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                return; // left for RabbitMqOrphanReaper on the next run
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
