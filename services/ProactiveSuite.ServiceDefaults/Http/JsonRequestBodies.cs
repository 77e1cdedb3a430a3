using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ProactiveSuite.ServiceDefaults.Http;

/// <summary>
/// Every request body is read as JSON, so only a body declared JSON is read: <c>application/json</c> or
/// <c>application/*+json</c>, with any parameters (a charset). A web page can send text/plain and form
/// bodies cross-site without a preflight; refused with 415 before anything reads them, they cannot act on
/// an endpoint that runs without credentials (the embedded default's /api/messages, the emulator).
/// Also compiled into the channel emulator, which takes no project references, so the rule is written once.
/// </summary>
internal static class JsonRequestBodies
{
    public const string Reason = "the request body must be JSON (Content-Type: application/json)";

    /// <summary>Every endpoint of the process, after the body size limit (<c>RequestBodyLimits</c>).</summary>
    public static IServiceCollection AddJsonRequestBodiesOnly(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, JsonFirst>();

    /// <summary>Refuses a body that is not declared JSON, for whatever follows in the pipeline.</summary>
    public static IApplicationBuilder UseJsonRequestBodiesOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HasBody(request) && !IsJson(request.ContentType))
        {
            var declared = string.IsNullOrEmpty(request.ContentType) ? "none was declared" : $"not '{request.ContentType}'";
            await Results.Problem($"{Reason}, {declared}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not JSON").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Value is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private sealed class JsonFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseJsonRequestBodiesOnly();
            next(app);
        };
    }
}
