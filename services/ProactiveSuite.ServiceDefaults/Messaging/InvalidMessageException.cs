namespace ProactiveSuite.ServiceDefaults.Messaging;

/// <summary>
/// A bus message that can never be processed as it is. Consumer definitions do not retry it, so it
/// goes straight to the endpoint's error queue, where MassTransit keeps this message as the reason
/// (the <c>MT-Fault-Message</c> header), and the queue moves on to the next message.
/// </summary>
public sealed class InvalidMessageException(string reason) : Exception(reason);
