using System.Diagnostics;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The MongoDB the production-shape tests run on: the server <c>MONGODB_URI</c> names (tests/run.sh points it
/// at its wire emulator, or at a real server), else tests/mongo-emulator started here for this test class, the
/// way tests/run.sh starts it (Debian's python3 with mongomock), so a bare <c>dotnet test</c> runs them too.
/// </summary>
public sealed class MongoDbForTests : IAsyncDisposable
{
    private const string EmulatorPython = "/usr/bin/python3";
    private readonly Process? _emulator;
    private readonly string? _portFile;

    private MongoDbForTests(string uri, Process? emulator, string? portFile)
    {
        Uri = uri;
        _emulator = emulator;
        _portFile = portFile;
    }

    /// <summary>The connection string the services get instead of compose's <c>mongodb://mongodb:27017</c>.</summary>
    public string Uri { get; }

    public static async Task<MongoDbForTests> StartAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("MONGODB_URI") is { Length: > 0 } given)
        {
            return new MongoDbForTests(given, null, null);
        }

        var portFile = Path.Combine(Path.GetTempPath(), "psuite-mongo-" + Guid.NewGuid().ToString("N") + ".port");
        var startInfo = new ProcessStartInfo(EmulatorPython)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "mongo-emulator", "server.py"));
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add("0");
        startInfo.ArgumentList.Add("--port-file");
        startInfo.ArgumentList.Add(portFile);
        var emulator = Process.Start(startInfo) ?? throw new InvalidOperationException($"{EmulatorPython} did not start");
        var stderr = emulator.StandardError.ReadToEndAsync(ct);
        _ = emulator.StandardOutput.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!(File.Exists(portFile) && new FileInfo(portFile).Length > 0))
        {
            if (emulator.HasExited || deadline.IsCancellationRequested)
            {
                emulator.Kill();
                throw new InvalidOperationException(
                    "The MongoDB wire emulator did not start (it needs python3-mongomock and python3-pymongo; tests/run.sh installs them), " +
                    $"and MONGODB_URI names no server: {(emulator.HasExited ? await stderr : "no port after 30 s")}");
            }

            await Task.Delay(100, ct);
        }

        var port = (await File.ReadAllTextAsync(portFile, ct)).Trim();
        return new MongoDbForTests($"mongodb://127.0.0.1:{port}/?directConnection=true", emulator, portFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            _emulator.Kill();
            await _emulator.WaitForExitAsync();
            _emulator.Dispose();
        }

        if (_portFile is not null)
        {
            File.Delete(_portFile);
        }
    }
}
