using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Messaging;

public static class RetryPolicies
{
    /// <summary>
    /// Immediate, in-process retries for passing faults (a store that blinked); an invalid message is
    /// never retried. These retries hold the message, so they stay short: longer waits belong to
    /// delivery scheduling, not here. Set on the consumer, not the endpoint, so that consumers sharing
    /// an endpoint do not stack their retries.
    /// </summary>
    public static void UseShortRetries<TConsumer>(this IConsumerConfigurator<TConsumer> consumer)
        where TConsumer : class =>
        consumer.UseMessageRetry(retry =>
        {
            retry.Intervals(100, 500, 2000);
            retry.Ignore<InvalidMessageException>();
        });
}
