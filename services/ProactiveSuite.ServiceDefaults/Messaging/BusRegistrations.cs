using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Messaging;

/// <summary>
/// The consumers each service contributes to the one bus of its process. MassTransit is configured
/// once per process, so a service's <c>AddX()</c> only records what it consumes here, and
/// <see cref="MessageBusExtensions.AddMessageBus"/> applies them all; that is what lets the
/// single-process host compose every service from the same extension methods.
/// </summary>
internal sealed class BusRegistrations
{
    public List<Action<IBusRegistrationConfigurator>> Consumers { get; } = [];
}
