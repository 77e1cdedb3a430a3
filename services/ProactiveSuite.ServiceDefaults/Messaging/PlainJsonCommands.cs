using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Messaging;

public static class PlainJsonCommands
{
    /// <summary>The content type of a command sent as plain JSON, without MassTransit's envelope.</summary>
    public const string ContentType = "application/json";

    /// <summary>
    /// Lets a command queue also take a plain JSON body (content type <c>application/json</c>: the
    /// command alone, camelCase, no envelope), so that a service in any language can publish it with an
    /// ordinary AMQP client. Enveloped messages (<c>application/vnd.masstransit+json</c>) stay the default.
    /// Any body on such a queue is read as the queue's one command type, which is why only endpoints
    /// with a single command consumer may accept it.
    /// </summary>
    public static void AcceptPlainJson(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType | RawSerializerOptions.Default, isDefault: false);
}
