using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// Services configured as in production, except where the Bot Framework's and the operators' token
/// services are: a Gateway with an app id and password (inbound authentication on), and a Registry whose
/// operator APIs take an API key or a bearer token. Both read their OpenID metadata from the
/// <see cref="LocalTokenIssuer"/> over https and trust its test certificate. They log at Debug, so that
/// the test that looks for secrets in logs sees as much as possible.
/// </summary>
public sealed class SecuredServices : IAsyncLifetime
{
    public const string AppId = "5e1d7c2a-test-bot-app-id";

    /// <summary>Never sent anywhere (no outbound call is made); it must still never appear in a log.</summary>
    public const string AppPassword = "app-password-that-must-never-be-logged-9Qx";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-secured-" + Guid.NewGuid().ToString("N"));

    public LocalTokenIssuer Issuer { get; private set; } = null!;

    /// <summary>Where the Gateway exports its telemetry (its refusal counter).</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess Registry { get; private set; } = null!;

    public Uri GatewayUrl { get; } = ServiceEnvironment.LoopbackUrl(FreePort.Next());

    public Uri RegistryUrl { get; } = ServiceEnvironment.LoopbackUrl(FreePort.Next());

    /// <summary>A client with no credentials of its own.</summary>
    public HttpClient Http { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_dataDirectory);
        Issuer = await LocalTokenIssuer.StartAsync(ct);
        Telemetry = await OtlpReceiver.StartAsync(ct);

        var gateway = Environment(GatewayUrl, "gateway");
        gateway["Bot__MicrosoftAppId"] = AppId;
        gateway["Bot__MicrosoftAppPassword"] = AppPassword;
        // The SDK's own configuration keys for where its token validation reads from: the real Bot Framework
        // values, except that the metadata lives on the local issuer.
        gateway["Bot__ToBotFromChannelTokenIssuer"] = LocalTokenIssuer.BotFrameworkIssuer;
        gateway["Bot__ToBotFromChannelOpenIdMetadataUrl"] = Issuer.ChannelMetadataUrl.ToString();
        gateway["Bot__ToBotFromEmulatorOpenIdMetadataUrl"] = Issuer.EmulatorMetadataUrl.ToString();
        gateway["Bot__ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/{0}";
        gateway["Bot__ToChannelFromBotOAuthScope"] = "https://api.botframework.com";
        gateway["Bot__OAuthUrl"] = "https://api.botframework.com";
        gateway["Bot__CallerId"] = "urn:botframework:azure";
        foreach (var (key, value) in Telemetry.ServiceEnvironment())
        {
            gateway[key] = value;
        }

        var registry = Environment(RegistryUrl, "registry");
        registry["OperatorAuthentication__Jwt__Authority"] = Issuer.OperatorAuthority;
        registry["OperatorAuthentication__Jwt__Audience"] = LocalTokenIssuer.OperatorAudience;

        var started = await Task.WhenAll(
            ServiceProcess.StartAsync("secured-gateway", RepositoryPaths.ServiceDll("ProactiveSuite.Gateway"), gateway, new Uri(GatewayUrl, "/health"), ct),
            ServiceProcess.StartAsync("secured-registry", RepositoryPaths.ServiceDll("ProactiveSuite.Registry"), registry, new Uri(RegistryUrl, "/health"), ct));
        (Gateway, Registry) = (started[0], started[1]);
    }

    public string Logs() => $"--- gateway ---{System.Environment.NewLine}{Gateway?.LogTail(40)}{System.Environment.NewLine}--- registry ---{System.Environment.NewLine}{Registry?.LogTail(40)}";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var service in new[] { Gateway, Registry })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Dictionary<string, string> Environment(Uri url, string storeFile)
    {
        var environment = ServiceEnvironment.For(url, _dataDirectory, storeFile, rabbitMqUri: null);
        foreach (var (key, value) in Issuer.TrustEnvironment)
        {
            environment[key] = value;
        }

        environment["Logging__LogLevel__Default"] = "Debug";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
        environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Debug";
        return environment;
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredServicesGroup : ICollectionFixture<SecuredServices>
{
    public const string Name = "secured services";
}
