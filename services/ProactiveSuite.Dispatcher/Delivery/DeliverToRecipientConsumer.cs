using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Delivers one recipient of a broadcast, or a delivery the schedule handed back.</summary>
public sealed class DeliverToRecipientConsumer(NotificationDelivery delivery, DeliveryReporting reporting) : IConsumer<DeliverToRecipient>
{
    public async Task Consume(ConsumeContext<DeliverToRecipient> context) =>
        await reporting.ReportAsync(context, context.Message, await delivery.DeliverAsync(context.Message, context.CancellationToken));
}

public sealed class DeliverToRecipientConsumerDefinition : ConsumerDefinition<DeliverToRecipientConsumer>
{
    public DeliverToRecipientConsumerDefinition(IOptions<DeliveryOptions> options)
    {
        EndpointName = DeliverToRecipient.QueueName;
        ConcurrentMessageLimit = options.Value.ConcurrentDeliveries;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DeliverToRecipientConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
    }
}
