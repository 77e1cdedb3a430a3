using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The production shape as docker-compose.yml runs it: Registry, Dispatcher and Gateway as three processes on
/// RabbitMQ and MongoDB, each with exactly the environment compose gives it (<see cref="ComposeEnvironment"/>).
/// What differs, and nothing else:
/// <list type="bullet">
/// <item>the operator's inputs, as a <c>.env</c> would give them: <c>OPERATOR_API_KEY</c>, and
/// <c>RABBITMQ_USER</c>/<c>RABBITMQ_PASSWORD</c> of the test's node;</item>
/// <item><see cref="Substituted"/>: hosts and ports (the private RabbitMQ node for <c>rabbitmq:5672</c>, the test's
/// MongoDB for <c>mongodb://mongodb:27017</c>, the test's OTLP receiver for the collector) and the database
/// prefix, unique per test class so runs on one MongoDB do not collide;</item>
/// <item><see cref="ContainerKeys"/>: what the services' images set (the listening URL, the Production environment);</item>
/// <item><see cref="LocalRunAdditions"/>: keys compose does not set that a run without Teams needs. They may only
/// add keys: <see cref="EnvironmentOf"/> refuses one that replaces a key compose sets.</item>
/// </list>
/// </summary>
public class ComposeShapedSystem : RabbitMqSystem
{
    /// <summary>The keys whose compose value names a host of the compose network (or the shared database prefix), and that host.</summary>
    public static readonly IReadOnlyDictionary<string, string> Substituted = new Dictionary<string, string>
    {
        ["Bus__RabbitMqUri"] = "@rabbitmq:5672/",
        ["Store__MongoConnectionString"] = "mongodb://mongodb:27017",
        ["Store__MongoDatabase"] = "proactivesuite",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://otel-collector:4318",
    };

    /// <summary>Set by the services' Dockerfiles (ENV ASPNETCORE_URLS) and the runtime image (Production), not by compose.</summary>
    public static readonly IReadOnlyList<string> ContainerKeys = ["ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private MongoDbForTests? _mongo;

    /// <summary>This system's database prefix (one per test class): the services write <c>{prefix}-gateway</c>, <c>-registry</c>, <c>-dispatcher</c>.</summary>
    public string DatabasePrefix { get; } = "proactivesuite-e2e" + Guid.NewGuid().ToString("N")[..10];

    public override async ValueTask InitializeAsync()
    {
        _mongo = await MongoDbForTests.StartAsync(TestContext.Current.CancellationToken);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        if (_mongo is not null)
        {
            await _mongo.DisposeAsync();
        }
    }

    /// <summary>
    /// Keys compose does not set that this run needs, and why: the channel emulator stands in for Teams, so
    /// <list type="bullet">
    /// <item><c>Bot__AllowUnauthenticatedLocalUse=true</c>: no Bot Framework token service is reachable, so the
    /// bot has no app id (compose's <c>MICROSOFT_APP_ID</c> is left empty) and the Gateway would refuse to start;</item>
    /// <item><c>ServiceUrls__LocalOrigins__0</c>: the emulator's serviceUrl is plain http on loopback, which the
    /// services call only when it is named;</item>
    /// <item>the Dispatcher's <c>Dispatcher__Channels__emulator__*</c>: the channel's connector and bot, for
    /// conversations it creates (Teams' would be configured the same way);</item>
    /// <item>the Dispatcher's short retry, lease and connector waits (<c>Dispatcher__Delivery__*</c>), which the
    /// tests wait through, and a test class's own <see cref="RabbitMqSystem.DispatcherSettings"/>.</item>
    /// </list>
    /// </summary>
    public Dictionary<string, string> LocalRunAdditions(string service)
    {
        var additions = new Dictionary<string, string>().WithChannelEmulator(Channel.BaseUrl);
        if (service == "dispatcher")
        {
            additions.WithEmulatorChannel(Channel).WithShortDeliveryWaits();
            foreach (var (key, value) in DispatcherSettings())
            {
                additions[key] = value;
            }
        }

        return additions;
    }

    /// <summary>The operator's <c>.env</c>.</summary>
    public Dictionary<string, string> DotEnv()
    {
        var credentials = Broker.AmqpUri.UserInfo.Split(':', 2);
        return new()
        {
            ["OPERATOR_API_KEY"] = ServiceEnvironment.OperatorApiKey,
            ["RABBITMQ_USER"] = Uri.UnescapeDataString(credentials[0]),
            ["RABBITMQ_PASSWORD"] = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "",
        };
    }

    protected override Dictionary<string, string> EnvironmentOf(string service, Uri url)
    {
        var environment = new Dictionary<string, string>(ComposeEnvironment.Of(service, DotEnv()));
        Substitute(environment, "Bus__RabbitMqUri", $"@{Broker.AmqpUri.Authority}/");
        Substitute(environment, "Store__MongoConnectionString", _mongo!.Uri);
        Substitute(environment, "Store__MongoDatabase", DatabasePrefix);
        Substitute(environment, "OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'));
        environment["ASPNETCORE_URLS"] = url.ToString();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in LocalRunAdditions(service))
        {
            if (!environment.TryAdd(key, value))
            {
                throw new InvalidOperationException($"The local-run addition {key} would replace what docker-compose.yml sets for {service}: '{environment[key]}'.");
            }
        }

        return environment;
    }

    private static void Substitute(Dictionary<string, string> environment, string key, string replacement)
    {
        var composeHost = Substituted[key];
        if (!environment.TryGetValue(key, out var value) || !value.Contains(composeHost, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"docker-compose.yml no longer sets {key} to a value with '{composeHost}' (it is '{value}'): update {nameof(ComposeShapedSystem)}.{nameof(Substituted)}.");
        }

        environment[key] = value.Replace(composeHost, replacement, StringComparison.Ordinal);
    }
}
