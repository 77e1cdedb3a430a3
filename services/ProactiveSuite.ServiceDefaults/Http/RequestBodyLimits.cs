using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ProactiveSuite.ServiceDefaults.Http;

/// <summary>
/// The largest request body any endpoint of the process reads (<c>Limits:MaxRequestBodyBytes</c>,
/// default 512 KB: the largest valid <c>SendNotification</c> with ten cards fits). Endpoints may set a
/// lower limit of their own (<c>/api/messages</c>: 256 KB). A body over the limit is answered 413
/// with the limit, before the endpoint or its authentication reads it.
/// </summary>
public static class RequestBodyLimits
{
    public const string MaxBytesKey = "Limits:MaxRequestBodyBytes";

    public const long DefaultMaxBytes = 512 * 1024;

    public static IHostApplicationBuilder AddRequestBodyLimits(this WebApplicationBuilder builder)
    {
        var maxBytes = builder.Configuration.GetValue(MaxBytesKey, DefaultMaxBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBytes);
        builder.Services.AddTransient<IStartupFilter>(_ => new LimitFirst(maxBytes));
        return builder;
    }

    /// <summary>Put in front of the whole pipeline, so that nothing reads a body that is too large.</summary>
    private sealed class LimitFirst(long maxBytes) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.ContentLength > maxBytes)
                {
                    await TooLargeAsync(context, maxBytes);
                    return;
                }

                // A chunked body, with no Content-Length, turns out too large only while it is read: the endpoint's
                // body binding then answers a bare 413 (or lets the exception through), which gets the reason here.
                try
                {
                    await nextMiddleware(context);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
                {
                    await TooLargeAsync(context, maxBytes);
                    return;
                }

                if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
                {
                    await TooLargeAsync(context, maxBytes);
                }
            });
            next(app);
        };

        private static Task TooLargeAsync(HttpContext context, long maxBytes)
        {
            // The rest of the body is never read, so the connection cannot carry another request: saying so
            // keeps a client from sending its next request down a connection that is about to close.
            context.Response.Headers.Connection = "close";
            return Results.Problem(
                string.Create(CultureInfo.InvariantCulture, $"the request body must not be larger than {maxBytes} bytes"),
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large").ExecuteAsync(context);
        }
    }
}
