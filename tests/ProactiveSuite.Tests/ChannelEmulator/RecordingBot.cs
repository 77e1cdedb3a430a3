using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// A bot's messaging endpoint on a loopback port that keeps every activity the channel posts to it and answers
/// <see cref="Status"/>: enough to see exactly what the emulator sends, without a Gateway.
/// </summary>
public sealed class RecordingBot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _received = new();

    private RecordingBot(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the channel posts: <c>http://127.0.0.1:{port}/api/messages</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The status the endpoint answers with (200 unless a test makes the bot refuse).</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>The activities received, oldest first. The emulator answers a control call only after the bot answered, so they are all here by then.</summary>
    public IReadOnlyList<JsonObject> Received => [.. _received];

    public static async Task<RecordingBot> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        RecordingBot? bot = null;
        app.MapPost("/api/messages", async (HttpContext http) =>
        {
            var activity = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            bot!._received.Enqueue(activity ?? new JsonObject());
            http.Response.StatusCode = bot.Status;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        bot = new RecordingBot(app, new Uri(new Uri(address), "api/messages"));
        return bot;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
