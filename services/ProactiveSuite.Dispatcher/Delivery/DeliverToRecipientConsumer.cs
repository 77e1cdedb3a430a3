using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Dispatcher.Surveys;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Delivers one recipient of a broadcast, or a delivery the schedule handed back.</summary>
public sealed class DeliverToRecipientConsumer(NotificationDelivery delivery, DeliveryReporting reporting, SurveyOpeningReporting openings) : IConsumer<DeliverToRecipient>
{
    public async Task Consume(ConsumeContext<DeliverToRecipient> context)
    {
        var outcome = await delivery.DeliverAsync(context.Message, context.CancellationToken);
        await (context.Message.Survey is null
            ? reporting.ReportAsync(context, context.Message, outcome)
            : openings.ReportAsync(context, context.Message, outcome));
    }
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
