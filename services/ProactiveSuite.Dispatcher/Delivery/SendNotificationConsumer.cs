using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Validates a <see cref="SendNotification"/>, delivers it, and publishes how it went.</summary>
public sealed class SendNotificationConsumer(NotificationDelivery delivery, DeliveryReporting reporting, INotificationProgressStore progress, TimeProvider clock)
    : IConsumer<SendNotification>
{
    public async Task Consume(ConsumeContext<SendNotification> context)
    {
        var command = context.Message;
        if (NotificationValidation.Problem(command) is { } problem)
        {
            await context.Publish(new NotificationFailed(command.NotificationId ?? "", command.Recipient, NotificationFailureReasons.Invalid, $"SendNotification rejected: {problem}", clock.GetUtcNow()));
            return;
        }

        var request = DeliverToRecipient.From(command, clock.GetUtcNow());
        await progress.StartAsync(request.NotificationId, total: null, clock.GetUtcNow(), context.CancellationToken);
        await reporting.ReportAsync(context, request, await delivery.DeliverAsync(request, context.CancellationToken));
    }
}

public sealed class SendNotificationConsumerDefinition : ConsumerDefinition<SendNotificationConsumer>
{
    public const string QueueName = "dispatcher-send-notification";

    public SendNotificationConsumerDefinition(IOptions<DeliveryOptions> options)
    {
        EndpointName = QueueName;
        // Deliveries mostly wait on the connector's HTTP answer: many run at once per Dispatcher.
        ConcurrentMessageLimit = options.Value.ConcurrentDeliveries;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendNotificationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
        endpointConfigurator.AcceptPlainJson();
    }
}
