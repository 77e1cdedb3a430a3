using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Messaging;

public static class CommandQueues
{
    /// <summary>
    /// On RabbitMQ, a command queue is a quorum queue: replicated and durable, with publisher confirms
    /// and persistent messages (MassTransit's defaults), so a broker restart loses no command. Other
    /// transports have nothing to set.
    /// </summary>
    public static void UseDurableCommandQueue(this IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
        {
            rabbitMq.SetQuorumQueue();
        }
    }
}
