using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Editing;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.OperatorApi;

/// <summary>Sending over HTTP, for operators and for services that do not speak the bus.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationCommands(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/notifications", async (SendNotification? command, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (command is null)
            {
                return Results.Problem("The body must be a SendNotification as JSON.", statusCode: StatusCodes.Status400BadRequest);
            }

            // Over HTTP the id may be left to us; on the bus it is the publisher's idempotency key.
            command = string.IsNullOrEmpty(command.NotificationId) ? command with { NotificationId = Guid.NewGuid().ToString("N") } : command;
            if (NotificationValidation.Problem(command) is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid notification");
            }

            await bus.Publish(command, ct);
            return Results.Accepted($"/notifications/{Uri.EscapeDataString(command.NotificationId!)}", new { notificationId = command.NotificationId });
        }).WithTags("Notifications");

        endpoints.MapPost("/broadcasts", async (SendBroadcast? command, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (command is null)
            {
                return Results.Problem("The body must be a SendBroadcast as JSON.", statusCode: StatusCodes.Status400BadRequest);
            }

            command = string.IsNullOrEmpty(command.NotificationId) ? command with { NotificationId = Guid.NewGuid().ToString("N") } : command;
            if (NotificationValidation.Problem(command) is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid broadcast");
            }

            await bus.Publish(command, ct);
            return Results.Accepted($"/notifications/{Uri.EscapeDataString(command.NotificationId!)}", new { notificationId = command.NotificationId });
        }).WithTags("Notifications");

        endpoints.MapPost("/notifications/{notificationId}/cancel", async (string notificationId, IPublishEndpoint bus, CancellationToken ct) =>
        {
            await bus.Publish(new CancelNotification(notificationId), ct);
            return Results.Accepted($"/notifications/{Uri.EscapeDataString(notificationId)}", new { notificationId });
        }).WithTags("Notifications");

        endpoints.MapPost("/notifications/{notificationId}/recall", async (string notificationId, INotificationProgressStore progress, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (await progress.FindAsync(notificationId, ct) is null)
            {
                return Results.Problem($"No notification '{notificationId}' is known.", statusCode: StatusCodes.Status404NotFound);
            }

            await bus.Publish(new RecallNotification(notificationId), ct);
            return Results.Accepted($"/notifications/{Uri.EscapeDataString(notificationId)}", new { notificationId });
        }).WithTags("Notifications");

        endpoints.MapPost("/notifications/{notificationId}/edit", async (string notificationId, EditNotification? command, INotificationProgressStore progress, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (command is null)
            {
                return Results.Problem("The body must be {\"text\": \"...\", \"attachments\"?: [...]} as JSON.", statusCode: StatusCodes.Status400BadRequest);
            }

            command = command with { NotificationId = notificationId };
            if (EditRule.ContentProblem(command) is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid edit");
            }

            if (await progress.FindAsync(notificationId, ct) is not { } notification)
            {
                return Results.Problem($"No notification '{notificationId}' is known.", statusCode: StatusCodes.Status404NotFound);
            }

            if (EditRule.Refusal(notification) is { } refusal)
            {
                return Results.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "Not editable");
            }

            await bus.Publish(command, ct);
            return Results.Accepted($"/notifications/{Uri.EscapeDataString(notificationId)}", new { notificationId });
        }).WithTags("Notifications");
        return endpoints;
    }
}
