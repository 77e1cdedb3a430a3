using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>What the broker holds, read with RabbitMQ's own client: queue depths and what landed in error queues.</summary>
public sealed class BrokerQueues(Uri amqpUri)
{
    /// <param name="Body">The message as it was published.</param>
    /// <param name="FaultMessage">MassTransit's reason (the <c>MT-Fault-Message</c> header).</param>
    public sealed record ErrorQueueMessage(string Body, string? FaultMessage);

    /// <summary>Messages ready in a queue and consumers on it, from a passive declare (which also proves the queue exists).</summary>
    public async Task<(uint Ready, uint Consumers)> DepthAsync(string queue, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = amqpUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var declared = await channel.QueueDeclarePassiveAsync(queue, ct);
        return (declared.MessageCount, declared.ConsumerCount);
    }

    /// <summary>
    /// The first message in <paramref name="queue"/> whose body matches, or null. Messages are only looked at: none is
    /// acknowledged, so closing the channel puts them all back.
    /// </summary>
    public async Task<ErrorQueueMessage?> FindAsync(string queue, Func<string, bool> match, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = amqpUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null; // MassTransit creates an error queue with its first fault
        }

        while (await channel.BasicGetAsync(queue, autoAck: false, ct) is { } message)
        {
            var body = Encoding.UTF8.GetString(message.Body.Span);
            if (match(body))
            {
                var fault = message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true
                    ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
                    : null;
                return new ErrorQueueMessage(body, fault);
            }
        }

        return null;
    }
}
