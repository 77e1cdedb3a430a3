using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The production shape on one machine: a private RabbitMQ node, Registry, Dispatcher and Gateway as
/// three OS processes (each with its own embedded store file, MongoDB being unavailable here), a
/// channel emulator they talk to over HTTP, an outside service on the bus, and an OTLP receiver that the
/// services export their traces, metrics and logs to.
/// </summary>
public class RabbitMqSystem : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-e2e-" + Guid.NewGuid().ToString("N"));
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

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var ct = TestContext.Current.CancellationToken;
        Broker = await RabbitMqNode.StartAsync(ct);
        Channel = await ChannelEmulatorServer.StartAsync(ct: ct);
        Telemetry = await OtlpReceiver.StartAsync(ct);

        RegistryUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        DispatcherUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        GatewayUrl = ServiceEnvironment.LoopbackUrl(FreePort.Next());

        var dispatcherEnvironment = ServiceEnvironment.For(DispatcherUrl, _dataDirectory, "dispatcher", Broker.AmqpUri).WithChannelEmulator(Channel.BaseUrl);
        dispatcherEnvironment["Dispatcher__Channels__emulator__ServiceUrl"] = Channel.BaseUrl.ToString();
        dispatcherEnvironment["Dispatcher__Channels__emulator__BotId"] = Channel.Options.BotId;
        dispatcherEnvironment["Dispatcher__Channels__emulator__BotName"] = Channel.Options.BotName;
        // A misconfigured channel whose connector is not on the allowlist: the Dispatcher must not call it.
        dispatcherEnvironment["Dispatcher__Channels__rogue__ServiceUrl"] = RogueServiceUrl;
        dispatcherEnvironment["Dispatcher__Channels__rogue__BotId"] = "bot-rogue";
        // Tests wait for retries and taken-over claims: keep those waits short.
        dispatcherEnvironment["Dispatcher__Delivery__BackoffBase"] = "00:00:00.200";
        dispatcherEnvironment["Dispatcher__Delivery__ClaimLease"] = "00:00:03";
        dispatcherEnvironment["Dispatcher__Delivery__ConnectorTimeout"] = "00:00:02";
        dispatcherEnvironment["Dispatcher__Delivery__MaxAttempts"] = "4";
        foreach (var (key, value) in DispatcherSettings())
        {
            dispatcherEnvironment[key] = value;
        }

        // Consumers first: their queues must be bound before the Gateway publishes.
        var consumers = await Task.WhenAll(
            Start("registry", "ProactiveSuite.Registry", ServiceEnvironment.For(RegistryUrl, _dataDirectory, "registry", Broker.AmqpUri).WithChannelEmulator(Channel.BaseUrl), RegistryUrl, ct),
            Start("dispatcher", "ProactiveSuite.Dispatcher", dispatcherEnvironment, DispatcherUrl, ct));
        _services.AddRange(consumers);
        _services.Add(await Start("gateway", "ProactiveSuite.Gateway", ServiceEnvironment.For(GatewayUrl, _dataDirectory, "gateway", Broker.AmqpUri).WithChannelEmulator(Channel.BaseUrl), GatewayUrl, ct));

        Channel.Options.GatewayUrl = new Uri(GatewayUrl, "/api/messages");
        Outside = await OutsideService.StartAsync(Broker.AmqpUri, ct);
    }

    /// <summary>The service processes: Registry, Dispatcher, Gateway.</summary>
    public IReadOnlyList<ServiceProcess> Services => _services;

    /// <summary>Settings a test class gives its Dispatcher, as environment variables.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => [];

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
    public string Logs() => string.Join(
        Environment.NewLine,
        _services.Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.LogTail(40)}"));

    public async ValueTask DisposeAsync()
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

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task<ServiceProcess> Start(string name, string project, Dictionary<string, string> environment, Uri url, CancellationToken ct)
    {
        _launches[name] = (project, environment, url);
        return ServiceProcess.StartAsync(name, RepositoryPaths.ServiceDll(project), environment.Concat(Telemetry.ServiceEnvironment()).ToDictionary(), new Uri(url, "/health"), ct);
    }
}
