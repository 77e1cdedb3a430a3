using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Validates a <see cref="SendNotification"/>, delivers it, and publishes how it went.</summary>
public sealed partial class SendNotificationConsumer(NotificationDelivery delivery, TimeProvider clock, ILogger<SendNotificationConsumer> logger)
    : IConsumer<SendNotification>
{
    public async Task Consume(ConsumeContext<SendNotification> context)
    {
        var command = context.Message;
        var outcome = NotificationValidation.Problem(command) is { } problem
            ? new DeliveryOutcome.Failed(NotificationFailureReasons.Invalid, $"SendNotification rejected: {problem}")
            : await delivery.DeliverAsync(command, context.CancellationToken);

        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                if (delivered.CreatedReference is { } reference)
                {
                    await context.Publish(reference);
                }

                await context.Publish(new NotificationDelivered(
                    command.NotificationId!, command.Recipient!, delivered.ConversationId, delivered.ActivityId, delivered.CreatedReference is not null, clock.GetUtcNow()));
                LogDelivered(command.NotificationId!, delivered.ConversationId);
                break;
            case DeliveryOutcome.Failed failed:
                await context.Publish(new NotificationFailed(command.NotificationId ?? "", command.Recipient, failed.ReasonCode, failed.Reason, clock.GetUtcNow()));
                LogFailed(command.NotificationId ?? "", failed.ReasonCode, failed.Reason);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} delivered into conversation {ConversationId}")]
    private partial void LogDelivered(string notificationId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} failed: {ReasonCode}: {Reason}")]
    private partial void LogFailed(string notificationId, string reasonCode, string reason);
}

public sealed class SendNotificationConsumerDefinition : ConsumerDefinition<SendNotificationConsumer>
{
    public SendNotificationConsumerDefinition() => EndpointName = "dispatcher-send-notification";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseShortRetries();
        endpointConfigurator.AcceptPlainJson();
    }
}
