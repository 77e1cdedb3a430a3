using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The production shape on one machine: a private RabbitMQ node, Registry, Dispatcher and Gateway as
/// three OS processes (here each with its own embedded store file and the test's environment;
/// <see cref="ComposeShapedSystem"/> runs them on MongoDB with docker-compose.yml's environment), a
/// channel emulator they talk to over HTTP, an outside service on the bus, and an OTLP receiver that the
/// services export their traces, metrics and logs to.
/// </summary>
public class RabbitMqSystem : IAsyncLifetime
{
    /// <summary>Where the services' embedded store files are (a folder per service), removed at the end.</summary>
    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "psuite-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProcess> _services = [];
    private readonly Dictionary<string, (string Project, Dictionary<string, string> Environment, Uri Url)> _launches = [];

    public RabbitMqNode Broker { get; private set; } = null!;

    public ChannelEmulatorServer Channel { get; private set; } = null!;

    public BrokerQueues Queues => new(Broker.AmqpUri);

    public OutsideService Outside { get; private set; } = null!;

    public OtlpReceiver Telemetry { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public Uri RegistryUrl { get; private set; } = null!;

    public Uri DispatcherUrl { get; private set; } = null!;

    /// <summary>An operator's client: it sends <see cref="ServiceEnvironment.OperatorApiKey"/>.</summary>
    /// <summary>The configured connector of the channel <c>rogue</c>: a host that is not on the allowlist.</summary>
    public const string RogueServiceUrl = "https://connector.attacker.example.com/";

    public HttpClient Http { get; } = new() { DefaultRequestHeaders = { { "X-Api-Key", ServiceEnvironment.OperatorApiKey } } };

    public virtual async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var ct = TestContext.Current.CancellationToken;
        Broker = await RabbitMqNode.StartAsync(ct);
        Channel = await ChannelEmulatorServer.StartAsync(ConfigureChannel, ct);
        Telemetry = await OtlpReceiver.StartAsync(ct);

        RegistryUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        DispatcherUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        GatewayUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());

        // Consumers first: their queues must be bound before the Gateway publishes.
        var consumers = await Task.WhenAll(
            Start("registry", "ProactiveSuite.Registry", EnvironmentOf("registry", RegistryUrl), RegistryUrl, ct),
            Start("dispatcher", "ProactiveSuite.Dispatcher", EnvironmentOf("dispatcher", DispatcherUrl), DispatcherUrl, ct));
        _services.AddRange(consumers);
        _services.Add(await Start("gateway", "ProactiveSuite.Gateway", EnvironmentOf("gateway", GatewayUrl), GatewayUrl, ct));

        Channel.Options.GatewayUrl = new Uri(GatewayUrl, "/api/messages");
        Outside = await OutsideService.StartAsync(Broker.AmqpUri, ct);
    }

    /// <summary>The environment <paramref name="name"/> (<c>registry</c>, <c>dispatcher</c>, <c>gateway</c>) was last started with.</summary>
    public IReadOnlyDictionary<string, string> LaunchedEnvironment(string name) => _launches[name].Environment;

    /// <summary>The service processes: Registry, Dispatcher, Gateway.</summary>
    public IReadOnlyList<ServiceProcess> Services => _services;

    /// <summary>How a test class presents its channel emulator (e.g. as Teams: <c>ChannelId = "msteams"</c>); the default as it is.</summary>
    protected virtual void ConfigureChannel(ChannelEmulatorOptions options)
    {
    }

    /// <summary>Settings a test class gives its Dispatcher, as environment variables.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => [];

    /// <summary>
    /// The environment of one service (<c>registry</c>, <c>dispatcher</c>, <c>gateway</c>) listening on
    /// <paramref name="url"/>: here the test's own (<see cref="ServiceEnvironment"/>: each service its embedded
    /// store file under <see cref="DataDirectory"/>), with the channel emulator, short retry and lease waits,
    /// <see cref="DispatcherSettings"/> and the OTLP receiver.
    /// </summary>
    protected virtual Dictionary<string, string> EnvironmentOf(string service, Uri url)
    {
        var environment = ServiceEnvironment.For(url, DataDirectory, service, Broker.AmqpUri).WithChannelEmulator(Channel.BaseUrl);
        if (service == "dispatcher")
        {
            environment.WithEmulatorChannel(Channel);
            // A misconfigured channel whose connector is not on the allowlist: the Dispatcher must not call it.
            environment["Dispatcher__Channels__rogue__ServiceUrl"] = RogueServiceUrl;
            environment["Dispatcher__Channels__rogue__BotId"] = "bot-rogue";
            environment.WithShortDeliveryWaits();
            foreach (var (key, value) in DispatcherSettings())
            {
                environment[key] = value;
            }
        }

        foreach (var (key, value) in Telemetry.ServiceEnvironment())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>SIGKILLs a service (no goodbye: in-flight work is cut where it stands).</summary>
    public async Task KillAsync(string name)
    {
        var service = _services.Single(s => s.Name == name && !s.HasExited);
        await service.KillAsync();
        _services.Remove(service);
        await service.DisposeAsync();
    }

    /// <summary>Starts a killed service again with the same configuration and store file.</summary>
    public async Task StartAgainAsync(string name)
    {
        var (project, environment, url) = _launches[name];
        _services.Add(await Start(name, project, environment, url, TestContext.Current.CancellationToken));
    }

    /// <summary>The recent logs of every process, for a failure message.</summary>
    public string Logs() => Logs(40);

    /// <summary>The last <paramref name="lines"/> lines of every process.</summary>
    public string Logs(int lines) => string.Join(
        Environment.NewLine,
        _services.Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.LogTail(lines)}"));

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Http.Dispose();
        if (Outside is not null)
        {
            await Outside.DisposeAsync();
        }

        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (Channel is not null)
        {
            await Channel.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private Task<ServiceProcess> Start(string name, string project, Dictionary<string, string> environment, Uri url, CancellationToken ct)
    {
        _launches[name] = (project, environment, url);
        return ServiceProcess.StartAsync(name, RepositoryPaths.ServiceDll(project), environment, new Uri(url, "/health"), ct);
    }
}
