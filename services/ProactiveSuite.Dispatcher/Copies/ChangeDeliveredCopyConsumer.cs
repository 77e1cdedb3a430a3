using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>Brings one delivered copy to what its notification now says.</summary>
public sealed class ChangeDeliveredCopyConsumer(CopyChanges changes) : IConsumer<ChangeDeliveredCopy>
{
    public Task Consume(ConsumeContext<ChangeDeliveredCopy> context) => changes.ApplyAsync(context.Message, context.CancellationToken);
}

public sealed class ChangeDeliveredCopyConsumerDefinition : ConsumerDefinition<ChangeDeliveredCopyConsumer>
{
    public ChangeDeliveredCopyConsumerDefinition(IOptions<DeliveryOptions> options)
    {
        EndpointName = ChangeDeliveredCopy.QueueName;
        // Like sends: mostly waiting on the connector's answer.
        ConcurrentMessageLimit = options.Value.ConcurrentDeliveries;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ChangeDeliveredCopyConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
    }
}
