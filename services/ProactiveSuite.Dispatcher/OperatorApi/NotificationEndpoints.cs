using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

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
        return endpoints;
    }
}
