using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.AfterDelivery;

/// <summary>Where the after-delivery stories are played: separate processes on RabbitMQ, or the embedded default.</summary>
public interface IAfterDeliveryStage
{
    /// <summary>The emulator (<c>/emulator/...</c>), <c>/notifications</c>, <c>/broadcasts</c> and <c>/references</c>, with the operator key.</summary>
    HttpClient Http { get; }

    /// <summary>The NotificationRead events as an outside service sees them, or null where the bus is in-memory.</summary>
    ObservedMessages<NotificationRead>? Reads { get; }

    string Logs();
}

/// <summary>Gateway, Registry and Dispatcher as separate processes on a private RabbitMQ node, behind a <see cref="FrontDoor"/>.</summary>
public sealed class AfterDeliveryOnRabbitMq(RabbitMqSystem system) : IAfterDeliveryStage
{
    public HttpClient Http { get; } = FrontDoor.For(system);

    public ObservedMessages<NotificationRead>? Reads => system.Outside.Read;

    public string Logs() => system.Logs();
}

/// <summary>The single-process host as the README runs it.</summary>
public sealed class AfterDeliveryOnEmbeddedDefault(EmbeddedDefaultHost host) : IAfterDeliveryStage
{
    public HttpClient Http => host.Http;

    public ObservedMessages<NotificationRead>? Reads => null;

    public string Logs() => host.Logs();
}
