using System.Globalization;
using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>The emulator's HTTP answers, always written with <see cref="JsonText.Options"/> whatever the host configured.</summary>
internal static class EmulatorResults
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IResult Json(int statusCode, JsonNode body) =>
        Results.Content(body.ToJsonString(JsonText.Options), JsonContentType, statusCode: statusCode);

    /// <summary>The Bot Connector's ErrorResponse shape, so the bot's connector client reports it as the real service would.</summary>
    public static IResult Error(int statusCode, string code, string message) =>
        Json(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    /// <summary>An ErrorResponse with a <c>Retry-After</c> header (whole seconds, rounded up) when <paramref name="retryAfter"/> is given.</summary>
    public static IResult Error(int statusCode, string code, string message, TimeSpan? retryAfter) =>
        retryAfter is { } wait ? new RetryAfterResult(Error(statusCode, code, message), wait) : Error(statusCode, code, message);

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "NotFound", message);

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
