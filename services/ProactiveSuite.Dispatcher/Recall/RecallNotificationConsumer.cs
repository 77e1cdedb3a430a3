using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Recall;

/// <summary>Recalls a notification: cancels the rest, and hands every delivered copy over to be deleted.</summary>
public sealed partial class RecallNotificationConsumer(
    INotificationProgressStore progress, CancellationWatch cancellations, CopyFanOut fanOut, TimeProvider clock, ILogger<RecallNotificationConsumer> logger)
    : IConsumer<RecallNotification>
{
    public async Task Consume(ConsumeContext<RecallNotification> context)
    {
        var id = context.Message.NotificationId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidMessageException("RecallNotification rejected: notificationId is required");
        }

        if (!await progress.RequestRecallAsync(id, context.CancellationToken))
        {
            // Not started yet (held until its not-before time, or still on its way): it starts recalled, as a cancel does.
            await progress.StartAsync(id, total: null, clock.GetUtcNow(), context.CancellationToken);
            await progress.RequestRecallAsync(id, context.CancellationToken);
        }

        cancellations.Cancelled(id);
        var copies = await fanOut.RunAsync(id, context, context.CancellationToken);
        LogRecall(id, copies);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recall of notification {NotificationId}: {Copies} delivered copies to delete")]
    private partial void LogRecall(string notificationId, int copies);
}

public sealed class RecallNotificationConsumerDefinition : ConsumerDefinition<RecallNotificationConsumer>
{
    public RecallNotificationConsumerDefinition() => EndpointName = "dispatcher-recall-notification";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RecallNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
        endpointConfigurator.AcceptPlainJson();
    }
}
