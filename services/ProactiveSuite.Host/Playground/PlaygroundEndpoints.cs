using System.Net;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Gateway.Security;
using ProactiveSuite.ServiceDefaults.OperatorAuthentication;

namespace ProactiveSuite.Host.Playground;

/// <summary>
/// The web playground: one page to chat through the channel emulator as users and to send notifications and surveys
/// as an operator. It exists only where the emulator does its job, in a Host run for local use.
/// </summary>
public static class PlaygroundEndpoints
{
    // The page's scripts and styles are its own files: nothing inline, nothing from elsewhere.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    /// <summary>
    /// Maps <c>/</c> (a redirect), <c>/playground/</c> and the page's settings, when the Gateway runs without inbound
    /// authentication for local use (the embedded default's appsettings.json); a Host with bot credentials is a
    /// deployment, and gets none of it.
    /// </summary>
    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<InboundAuthenticationPolicy>().Authenticated)
        {
            return endpoints;
        }

        var assets = PlaygroundAssets.Load();
        endpoints.MapGet("/", () => Results.Redirect("/playground/")).AllowAnonymous().ExcludeFromDescription();

        var playground = endpoints.MapGroup("/playground").AllowAnonymous().ExcludeFromDescription();
        playground.MapGet("/", (HttpContext http) => Serve(http, assets, "index.html"));
        playground.MapGet("/{fileName}", (HttpContext http, string fileName) => Serve(http, assets, fileName));
        playground.MapGet("/settings", Settings);
        return endpoints;
    }

    private static IResult Serve(HttpContext http, PlaygroundAssets assets, string fileName)
    {
        if (assets.Find(fileName) is not { } asset)
        {
            return Results.Problem($"The playground has no file '{fileName}'.", statusCode: StatusCodes.Status404NotFound);
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    /// <summary>
    /// What the page prefills: the local operator key and the emulated channel. Only for a browser on this machine:
    /// the key is the embedded default's published local one, but a Host someone exposed anyway should not hand it out.
    /// </summary>
    private static IResult Settings(HttpContext http, OperatorAuthenticationOptions operators, ChannelEmulatorOptions emulator)
    {
        if (http.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
        {
            return Results.Problem("The playground's settings are given to a browser on this machine only.", statusCode: StatusCodes.Status403Forbidden);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new PlaygroundSettings(operators.ApiKeyHeader, operators.ApiKeys.FirstOrDefault(), emulator.ChannelId));
    }
}

/// <summary>What the playground page needs to know about the Host.</summary>
/// <param name="OperatorKeyHeader">The header the operator APIs read the key from.</param>
/// <param name="OperatorKey">The first configured operator key, if any (the page lets the person change it).</param>
/// <param name="ChannelId">The emulated channel's id, for recipients.</param>
public sealed record PlaygroundSettings(string OperatorKeyHeader, string? OperatorKey, string ChannelId);
