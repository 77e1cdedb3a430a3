using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ProactiveSuite.ServiceDefaults.Http;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// An emulated channel on its own loopback port, for tests and benchmarks: start one, point a bot at it, act as users
/// and read the transcript. Its host loads no configuration files (no appsettings, no file watchers, nothing from the
/// test project), so many servers can run side by side; logs show warnings and above unless the environment sets
/// <c>Logging__LogLevel__...</c>.
/// </summary>
public sealed class ChannelEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _control;

    private ChannelEmulatorServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Transcript = app.Services.GetRequiredService<ChannelTranscript>();
        Options = app.Services.GetRequiredService<ChannelEmulatorOptions>();
        Faults = app.Services.GetRequiredService<ChannelFaults>();
        Limits = app.Services.GetRequiredService<ChannelLimits>();
        Statistics = app.Services.GetRequiredService<ChannelStatistics>();
        _control = new HttpClient { BaseAddress = baseUrl };
    }

    /// <summary>
    /// Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>: also the serviceUrl it advertises, unless
    /// <see cref="ChannelEmulatorOptions.PublicBaseUrl"/> says otherwise.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>What the server received and sent.</summary>
    public ChannelTranscript Transcript { get; }

    /// <summary>The live options: set <see cref="ChannelEmulatorOptions.GatewayUrl"/> once the bot is listening.</summary>
    public ChannelEmulatorOptions Options { get; }

    /// <summary>The fault rules and the latency the bot's connector calls meet (also <c>/emulator/faults</c>, <c>/emulator/latency</c>).</summary>
    public ChannelFaults Faults { get; }

    /// <summary>The rate limits enforced on the bot's connector calls, none by default (also <c>/emulator/limits</c>).</summary>
    public ChannelLimits Limits { get; }

    /// <summary>How the bot's connector calls were answered (also <c>/emulator/stats</c>).</summary>
    public ChannelStatistics Statistics { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static Task<ChannelEmulatorServer> StartAsync(Action<ChannelEmulatorOptions>? configure = null, CancellationToken ct = default) =>
        StartAsync(TimeProvider.System, configure, ct);

    /// <summary>
    /// Starts a server on a free loopback port whose time is <paramref name="clock"/>: rate-limit windows, latency,
    /// hangs and transcript timestamps all follow it, so tests can move time on rather than wait for it.
    /// </summary>
    public static async Task<ChannelEmulatorServer> StartAsync(TimeProvider clock, Action<ChannelEmulatorOptions>? configure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ChannelEmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole();
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(clock);
        builder.Services.AddChannelEmulator(configure);

        var app = builder.Build();
        app.UseJsonRequestBodiesOnly();
        app.MapChannelEmulator();
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
            // Port 0 lets the OS choose; the server reports the port it got.
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new ChannelEmulatorServer(app, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Acts as <paramref name="userId"/> sending <paramref name="text"/> to the bot (<c>POST /emulator/users/{userId}/messages</c>).</summary>
    /// <returns>202 when the bot accepted it, 502 when it did not, 409 without a gateway.</returns>
    public Task<HttpResponseMessage> UserSaysAsync(string userId, string text, string? conversationId = null)
    {
        var body = new JsonObject { ["text"] = text };
        if (conversationId is not null)
        {
            body["conversationId"] = conversationId;
        }
        return PostAsync($"emulator/users/{Uri.EscapeDataString(userId)}/messages", body);
    }

    /// <summary>Acts as <paramref name="userId"/> opening a conversation with the bot (<c>POST /emulator/users/{userId}/join</c>).</summary>
    public Task<HttpResponseMessage> UserJoinsAsync(string userId) =>
        PostAsync($"emulator/users/{Uri.EscapeDataString(userId)}/join", new JsonObject());

    /// <summary>
    /// Acts as <paramref name="userId"/> reading their conversation up to <paramref name="lastReadMessageId"/> (the newest
    /// message when null): the bot gets Teams' read receipt event (<c>POST /emulator/users/{userId}/read</c>).
    /// </summary>
    public Task<HttpResponseMessage> UserReadsAsync(string userId, string? lastReadMessageId = null, string? conversationId = null)
    {
        var body = new JsonObject();
        if (lastReadMessageId is not null)
        {
            body["lastReadMessageId"] = lastReadMessageId;
        }
        if (conversationId is not null)
        {
            body["conversationId"] = conversationId;
        }
        return PostAsync($"emulator/users/{Uri.EscapeDataString(userId)}/read", body);
    }

    /// <summary>Posts any activity to the bot (<c>POST /emulator/activities</c>); its serviceUrl becomes this server's unless kept.</summary>
    public Task<HttpResponseMessage> ForwardActivityAsync(JsonObject activity, bool keepServiceUrl = false)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return PostAsync($"emulator/activities?keepServiceUrl={(keepServiceUrl ? "true" : "false")}", activity);
    }

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> PostAsync(string relativeUrl, JsonObject body)
    {
        var content = new StringContent(body.ToJsonString(JsonText.Options), Encoding.UTF8, "application/json");
        return _control.PostAsync(new Uri(relativeUrl, UriKind.Relative), content);
    }
}
