using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Broadcasts;

/// <summary>Validates a <see cref="SendBroadcast"/> and fans it out; completion is reported by the last delivery.</summary>
public sealed class SendBroadcastConsumer(BroadcastFanOut fanOut, NotificationCompletion completion, TimeProvider clock) : IConsumer<SendBroadcast>
{
    public async Task Consume(ConsumeContext<SendBroadcast> context)
    {
        var command = context.Message;
        if (NotificationValidation.Problem(command) is { } problem)
        {
            await context.Publish(new NotificationFailed(command.NotificationId ?? "", null, NotificationFailureReasons.Invalid, $"SendBroadcast rejected: {problem}", clock.GetUtcNow()));
            return;
        }

        var deliveries = await context.GetSendEndpoint(new Uri($"exchange:{DeliverToRecipient.QueueName}"));
        if (await fanOut.RunAsync(command, deliveries, context.CancellationToken))
        {
            // Every delivery may have settled before the total was known: then finishing falls to us
            // (and a redelivered broadcast publishes the completion its crashed run still owed).
            await completion.FinishIfCompleteAsync(context, command.NotificationId!, NotificationCompletion.FanOut, context.CancellationToken);
        }
    }
}

public sealed class SendBroadcastConsumerDefinition : ConsumerDefinition<SendBroadcastConsumer>
{
    public const string QueueName = "dispatcher-broadcasts";

    public SendBroadcastConsumerDefinition()
    {
        EndpointName = QueueName;
        // A fan-out holds its broadcast until it is done; a few at once are plenty.
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendBroadcastConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
    }
}
