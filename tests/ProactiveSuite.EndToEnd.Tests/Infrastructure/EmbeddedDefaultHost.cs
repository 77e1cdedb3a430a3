using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The README's run command as a test runs it: the single-process host (in-memory transport, embedded
/// store, channel emulator inside) with its own appsettings.json, moved to a free port.
/// </summary>
public sealed class EmbeddedDefaultHost : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-host-" + Guid.NewGuid().ToString("N"));
    private ServiceProcess? _process;

    /// <summary>Environment variables over the host's appsettings.json; none for the host as the README runs it.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The operator API key of the host's appsettings.json, as the README's curl commands send it.</summary>
    public const string LocalOperatorKey = "local-dev-operator-key";

    public Uri Url { get; } = ServiceEnvironment.LoopbackUrl(FreePort.Next());

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Url.ToString(),
            ["Store__EmbeddedDirectory"] = _dataDirectory,
            // The host's appsettings.json points the emulator and the bot at each other on port 5080.
            ["Emulator__GatewayUrl"] = new Uri(Url, "/api/messages").ToString(),
            ["Emulator__PublicBaseUrl"] = Url.ToString(),
            ["Dispatcher__Channels__emulator__ServiceUrl"] = Url.ToString(),
            ["ServiceUrls__LocalOrigins__0"] = Url.ToString(),
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        _process = await ServiceProcess.StartAsync("host", RepositoryPaths.ServiceDll("ProactiveSuite.Host"), environment, new Uri(Url, "/health"), TestContext.Current.CancellationToken);
        Http = new HttpClient { BaseAddress = Url };
        Http.DefaultRequestHeaders.Add("X-Api-Key", LocalOperatorKey);
    }

    public string Logs() => _process?.LogTail(60) ?? "";

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
