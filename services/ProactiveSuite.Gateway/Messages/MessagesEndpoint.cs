using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace ProactiveSuite.Gateway.Messages;

/// <summary>The bot's messaging endpoint that channels post activities to.</summary>
public static class MessagesEndpoint
{
    /// <summary>Channels' activities are far smaller; anything larger is not one.</summary>
    public const long MaxActivityBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync).WithTags("Bot");
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        if (await ProblemWithBodyAsync(http.Request, cancellationToken) is { } problem)
        {
            await Results.Problem(problem.Reason, statusCode: problem.Status, title: "Not a valid activity").ExecuteAsync(http);
            return;
        }

        http.Request.Body.Position = 0;
        await adapter.ProcessAsync(http.Request, http.Response, bot, cancellationToken);
    }

    private static async Task<(int Status, string Reason)?> ProblemWithBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes)
        {
            return (StatusCodes.Status413PayloadTooLarge, $"an activity must not be larger than {MaxActivityBytes} bytes");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxActivityBytes;
        }

        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return ActivityValidation.Problem(body.RootElement) is { } reason ? (StatusCodes.Status400BadRequest, reason) : null;
        }
        catch (JsonException e)
        {
            return (StatusCodes.Status400BadRequest, $"the body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (StatusCodes.Status413PayloadTooLarge, $"an activity must not be larger than {MaxActivityBytes} bytes");
        }
    }
}
