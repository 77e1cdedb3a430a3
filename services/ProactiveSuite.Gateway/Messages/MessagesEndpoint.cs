using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using ProactiveSuite.Gateway.Bot;
using ProactiveSuite.Gateway.Capture;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Gateway.Messages;

/// <summary>
/// The bot's messaging endpoint that channels post activities to. In order: the size limit, the
/// activity's shape, the serviceUrl allowlist, then the SDK (token validation, then the turn). The
/// checks before the SDK read nothing but the bounded body, and each refusal says why.
/// </summary>
public static class MessagesEndpoint
{
    /// <summary>Channels' activities are far smaller; anything larger is not one.</summary>
    public const long MaxActivityBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous to ASP.NET Core's authorization: the Bot Framework token is checked by the SDK itself.
        endpoints.MapPost("/api/messages", HandleAsync).WithTags("Bot").AllowAnonymous();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, ServiceUrlAllowlist allowlist, InboundRefusals refusals, CancellationToken cancellationToken)
    {
        if (await ProblemWithBodyAsync(http.Request, allowlist, cancellationToken) is { } problem)
        {
            if (problem.Status == StatusCodes.Status413PayloadTooLarge)
            {
                // The rest of the body is never read: the connection cannot carry another request.
                http.Response.Headers.Connection = "close";
            }

            refusals.Refused(problem.Code, problem.Status, problem.Reason);
            await Results.Problem(problem.Reason, statusCode: problem.Status, title: "Not a valid activity").ExecuteAsync(http);
            return;
        }

        http.Request.Body.Position = 0;
        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, cancellationToken);
        }
        catch (CaptureNotConfirmedException e) when (!http.Response.HasStarted)
        {
            // Passing, and the channel can do the one useful thing: deliver it again later.
            http.Response.Headers.RetryAfter = Math.Ceiling(e.Waited.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again").ExecuteAsync(http);
            return;
        }

        if (http.Response.HasStarted)
        {
            return;
        }

        // The adapter answers refusals with a bare status; give them the reason.
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            var (code, reason) = ChannelAuthentication.RefusalOf(http) ?? ("TokenRefused", "the Bot Framework token was refused");
            refusals.Refused(code, StatusCodes.Status401Unauthorized, reason);
            await Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated").ExecuteAsync(http);
        }
        else if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            const string unreadable = "the body could not be read as a Bot Framework activity (a member has the wrong type)";
            refusals.Refused("InvalidActivity", StatusCodes.Status400BadRequest, unreadable);
            await Results.Problem(unreadable, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid activity").ExecuteAsync(http);
        }
    }

    private static async Task<(int Status, string Code, string Reason)?> ProblemWithBodyAsync(HttpRequest request, ServiceUrlAllowlist allowlist, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, "TooLarge", $"an activity must not be larger than {MaxActivityBytes} bytes");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxActivityBytes;
        }

        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (ActivityValidation.Problem(body.RootElement) is { } reason)
            {
                return (StatusCodes.Status400BadRequest, "InvalidActivity", reason);
            }

            return allowlist.Problem(body.RootElement.GetProperty("serviceUrl").GetString()) is { } untrusted
                ? (StatusCodes.Status400BadRequest, "ServiceUrlNotAllowed", untrusted)
                : null;
        }
        catch (JsonException e)
        {
            return (StatusCodes.Status400BadRequest, "InvalidActivity", $"the body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (StatusCodes.Status413PayloadTooLarge, "TooLarge", $"an activity must not be larger than {MaxActivityBytes} bytes");
        }
    }
}
