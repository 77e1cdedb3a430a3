namespace ProactiveSuite.ServiceDefaults.Messaging;

/// <summary>Which transport carries the bus, bound from the <c>Bus</c> configuration section.</summary>
public sealed class MessageBusOptions
{
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (the embedded default: one process only) or <c>RabbitMq</c>.</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>The broker, e.g. <c>amqp://guest:guest@localhost:5672/</c>; used when <see cref="Transport"/> is RabbitMq.</summary>
    public Uri RabbitMqUri { get; set; } = new("amqp://guest:guest@localhost:5672/");
}

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
