using MassTransit;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The single-process host on a private RabbitMQ node (<c>Bus__Transport=RabbitMq</c>) instead of its
/// in-memory bus: the survey commands and events cross a real broker, and an outside service publishes
/// StartSurvey and watches the events there. The store stays embedded: one process owns the file.
/// </summary>
public sealed class SurveyHostOnRabbitMq : IAsyncLifetime, ISurveyStage
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-surveys-" + Guid.NewGuid().ToString("N"));
    private RabbitMqNode? _broker;
    private ServiceProcess? _host;
    private OutsideSurveyService? _outside;

    public Uri Url { get; } = ServiceEnvironment.LoopbackUrl(FreePort.Next());

    public HttpClient Http { get; private set; } = null!;

    public ObservedSurveyEvents? Events => _outside?.Events;

    public Uri AmqpUri => _broker!.AmqpUri;

    /// <summary>The outside service's bus, for publishing anything (e.g. invalid commands).</summary>
    public IBus Bus => _outside!.Bus;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _broker = await RabbitMqNode.StartAsync(ct);
        var environment = ServiceEnvironment.For(Url, _dataDirectory, "proactivesuite", _broker.AmqpUri);
        // The host's appsettings.json points the emulator and the bot at each other on port 5080.
        environment["Emulator__GatewayUrl"] = new Uri(Url, "/api/messages").ToString();
        environment["Emulator__PublicBaseUrl"] = Url.ToString();
        environment["Dispatcher__Channels__emulator__ServiceUrl"] = Url.ToString();
        // The host's own origin is the emulator's here: move its local allowance along with the port.
        environment.WithChannelEmulator(Url);
        _host = await ServiceProcess.StartAsync("host-rabbitmq", RepositoryPaths.ServiceDll("ProactiveSuite.Host"), environment, new Uri(Url, "/health"), ct);
        Http = new HttpClient { BaseAddress = Url };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ServiceEnvironment.OperatorApiKey);
        _outside = await OutsideSurveyService.StartAsync(_broker.AmqpUri, ct);
    }

    public Task StartSurveyAsync(StartSurvey command, CancellationToken cancellationToken) => Bus.Publish(command, cancellationToken);

    public string Logs() => _host?.LogTail(60) ?? "";

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_outside is not null)
        {
            await _outside.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
