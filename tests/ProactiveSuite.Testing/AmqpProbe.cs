using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProactiveSuite.Testing;

/// <summary>Checks whether a broker accepts AMQP connections (and our credentials) right now.</summary>
internal static class AmqpProbe
{
    public static async Task<bool> CanConnectAsync(Uri amqpUri, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "ProactiveSuite.Testing readiness probe",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return connection.IsOpen;
        }
        catch (BrokerUnreachableException)
        {
            return false;
        }
        catch (OperationInterruptedException)
        {
            return false; // e.g. the broker is still booting and closed the connection
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
