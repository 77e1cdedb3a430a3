using MassTransit;
using Microsoft.AspNetCore.Builder;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher;
using ProactiveSuite.Gateway;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Tests.InProcess;

/// <summary>
/// Services composed in this process with the same <c>AddX()</c>/<c>MapX()</c> as their Program.cs and the Host, but on
/// MassTransit's test harness instead of a broker, with their embedded store in a temporary directory and the real
/// channel emulator on a loopback port: a rule is tested over the bus and real HTTP without starting processes.
/// </summary>
public sealed class InProcessSystem : IAsyncDisposable
{
    public const string ChannelId = "emulator";
    public const string BotId = "bot-proactive";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _storeDirectory;

    private InProcessSystem(WebApplication app, ChannelEmulatorServer channel, DirectoryInfo storeDirectory)
    {
        _app = app;
        _storeDirectory = storeDirectory;
        Channel = channel;
        Harness = app.Services.GetRequiredService<ITestHarness>();
    }

    /// <summary>
    /// For the harness's lists: what they hold now. Without it, <c>Select</c> waits for the bus to go idle, which is
    /// the harness's inactivity timeout; every test waits for the event that settles what it asserts on first.
    /// </summary>
    public static CancellationToken Now { get; } = new(canceled: true);

    /// <summary>Every message published, sent and consumed on the bus, and the consumers' own harnesses.</summary>
    public ITestHarness Harness { get; }

    /// <summary>The channel the bot talks to.</summary>
    public ChannelEmulatorServer Channel { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts <paramref name="services"/> and a channel emulator, both on <paramref name="clock"/> when given (the
    /// services' <see cref="TimeProvider"/> is then that clock); <paramref name="settings"/> override the defaults.
    /// </summary>
    public static async Task<InProcessSystem> StartAsync(ServiceSet services, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var storeDirectory = Directory.CreateTempSubdirectory("proactivesuite-inprocess-");
        var channel = await ChannelEmulatorServer.StartAsync(clock ?? TimeProvider.System, ct: ct);
        try
        {
            var app = Compose(services, clock, Settings(channel, storeDirectory, settings));
            await app.StartAsync(ct);
            if (services.HasFlag(ServiceSet.Gateway))
            {
                var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
                channel.Options.GatewayUrl = new Uri(new Uri(address), "api/messages");
            }

            return new InProcessSystem(app, channel, storeDirectory);
        }
        catch
        {
            await channel.DisposeAsync();
            storeDirectory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The address of <paramref name="userId"/>'s one-to-one conversation in the emulated channel.</summary>
    public ConversationAddress AddressOf(string userId, string conversationId, string? tenantId = null) => new(
        ChannelId,
        Channel.BaseUrl.ToString(),
        new ConversationInfo(conversationId, "personal", tenantId, IsGroup: false),
        new ParticipantInfo(userId, null, null),
        new ParticipantInfo(BotId, "ProactiveBot", null),
        Locale: null);

    /// <summary>
    /// Publishes what the Gateway publishes when <paramref name="userId"/> writes in <paramref name="conversationId"/>,
    /// and returns once the Registry has consumed it.
    /// </summary>
    public async Task UserWroteAsync(string userId, string conversationId, DateTimeOffset at)
    {
        var captured = new ReferenceCaptured(AddressOf(userId, conversationId), Guid.NewGuid().ToString("N"), "message", at);
        await Harness.Bus.Publish(captured, TestContext.Current.CancellationToken);
        Assert.True(await Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message == captured), $"The Registry did not consume the capture of {userId}.");
    }

    /// <summary>An HTTP client of the services' own endpoints, with the operator's API key.</summary>
    public HttpClient OperatorClient()
    {
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "in-process-operator-key");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Channel.DisposeAsync();
        _storeDirectory.Delete(recursive: true);
    }

    private static WebApplication Compose(ServiceSet services, TimeProvider? clock, Dictionary<string, string?> settings)
    {
        // The content root is the temporary directory: no appsettings of the test project or the services apply.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = settings["Store:EmbeddedDirectory"], EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(defaultUrl: "http://127.0.0.1:0");
        if (services.HasFlag(ServiceSet.Gateway))
        {
            builder.AddGateway();
        }
        if (services.HasFlag(ServiceSet.Registry))
        {
            builder.AddRegistry();
        }
        if (services.HasFlag(ServiceSet.Dispatcher))
        {
            builder.AddDispatcher();
        }
        builder.AddMessageBus();
        // Replaces the bus configured above by the harness's in-memory one, keeping every consumer and definition.
        // Its inactivity timeout ends a wait that can no longer succeed; these runs have idle stretches (HTTP, a
        // clock that only moves when told), so it is a bound on a broken run, not a measurement.
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(2), testInactivityTimeout: TimeSpan.FromSeconds(20));
        });
        if (clock is not null)
        {
            // Registered after the services' TimeProvider.System: the last registration is the one resolved.
            builder.Services.AddSingleton(clock);
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        if (services.HasFlag(ServiceSet.Gateway))
        {
            app.MapGateway();
        }
        if (services.HasFlag(ServiceSet.Registry))
        {
            app.MapRegistry();
        }
        if (services.HasFlag(ServiceSet.Dispatcher))
        {
            app.MapDispatcher();
        }
        return app;
    }

    private static Dictionary<string, string?> Settings(ChannelEmulatorServer channel, DirectoryInfo storeDirectory, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedDirectory"] = storeDirectory.FullName,
            ["Bot:MicrosoftAppId"] = "",
            ["Bot:AllowUnauthenticatedLocalUse"] = "true",
            ["OperatorAuthentication:ApiKeys:0"] = "in-process-operator-key",
            ["ServiceUrls:LocalOrigins:0"] = channel.BaseUrl.ToString(),
            [$"Dispatcher:Channels:{ChannelId}:ServiceUrl"] = channel.BaseUrl.ToString(),
            [$"Dispatcher:Channels:{ChannelId}:BotId"] = BotId,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
