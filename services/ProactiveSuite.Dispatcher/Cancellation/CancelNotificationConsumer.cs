using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Cancellation;

/// <summary>Marks a notification cancelled: its fan-out stops and its undelivered recipients are not posted to.</summary>
public sealed partial class CancelNotificationConsumer(INotificationProgressStore progress, CancellationWatch cancellations, TimeProvider clock, ILogger<CancelNotificationConsumer> logger)
    : IConsumer<CancelNotification>
{
    public async Task Consume(ConsumeContext<CancelNotification> context)
    {
        var id = context.Message.NotificationId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidMessageException("CancelNotification rejected: notificationId is required");
        }

        var known = await progress.RequestCancelAsync(id, context.CancellationToken);
        if (!known)
        {
            // A notification held until its not-before time (or still on its way over the bus) has no progress yet:
            // the cancel is kept as its progress, so when the notification does start, it starts cancelled.
            await progress.StartAsync(id, total: null, clock.GetUtcNow(), context.CancellationToken);
            await progress.RequestCancelAsync(id, context.CancellationToken);
        }

        cancellations.Cancelled(id);

        LogCancel(id, known);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancellation of notification {NotificationId}: known {Known}")]
    private partial void LogCancel(string notificationId, bool known);
}

public sealed class CancelNotificationConsumerDefinition : ConsumerDefinition<CancelNotificationConsumer>
{
    public CancelNotificationConsumerDefinition() => EndpointName = "dispatcher-cancel-notification";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CancelNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
    }
}
