using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ProactiveSuite.ServiceDefaults.Http;

/// <summary>
/// A request the framework's binder cannot read (a body that is not JSON, or a member of the wrong type) is
/// answered 400 with what could not be read, like every other refusal. Left to the framework outside
/// Development, it is an empty 400: the client cannot tell a typo in <c>audience.scope</c> from anything else.
/// </summary>
internal static class UnreadableRequests
{
    public static IServiceCollection AddUnreadableRequestAnswers(this IServiceCollection services)
    {
        // The binder throws instead of answering the bare status, so the reason can be written below.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services.AddTransient<IStartupFilter, AnswerUnreadable>();
    }

    /// <summary>The reason for the client: the JSON reader's, which names the member (<c>Path: $.audience.scope</c>).</summary>
    public static string Reason(BadHttpRequestException e) => e.InnerException is JsonException json
        ? $"the body could not be read: {json.Message}"
        : $"the request could not be read: {e.Message}";

    private sealed class AnswerUnreadable : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                try
                {
                    await nextMiddleware(context);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
                {
                    await Results.Problem(Reason(e), statusCode: StatusCodes.Status400BadRequest, title: "Unreadable request").ExecuteAsync(context);
                }
            });
            next(app);
        };
    }
}
