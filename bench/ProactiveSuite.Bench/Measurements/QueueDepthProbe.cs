using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// How many messages wait in a queue (ready, not yet handed to a consumer), read with a passive declare. Sampled
/// during a broadcast it shows which side is behind: a growing deliveries queue means the fan-out outruns delivery.
/// </summary>
public sealed class QueueDepthProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private IChannel _channel;

    private QueueDepthProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<QueueDepthProbe> ConnectAsync(Uri amqpUri, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = amqpUri, ClientProvidedName = "ProactiveSuite.Bench queue probe" }.CreateConnectionAsync(cancellationToken);
        return new QueueDepthProbe(connection, await connection.CreateChannelAsync(cancellationToken: cancellationToken));
    }

    /// <summary>The ready messages of <paramref name="queue"/>; null when it does not exist (yet).</summary>
    public async Task<long?> ReadyAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            if (_channel.IsClosed)
            {
                await _channel.DisposeAsync();
                _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            return (await _channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null; // 404: the channel is closed by the broker and reopened next time
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
