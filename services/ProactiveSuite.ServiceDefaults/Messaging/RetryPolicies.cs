using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Messaging;

public static class RetryPolicies
{
    /// <summary>
    /// Immediate, in-process retries for passing faults (a store that blinked); an invalid message is
    /// never retried. These retries hold the message, so they stay short: longer waits belong to
    /// delivery scheduling, not here.
    /// </summary>
    public static void UseShortRetries(this IConsumePipeConfigurator endpoint) =>
        endpoint.UseMessageRetry(retry =>
        {
            retry.Intervals(100, 500, 2000);
            retry.Ignore<InvalidMessageException>();
        });
}
