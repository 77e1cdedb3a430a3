using System.Net;
using System.Net.Sockets;

namespace ProactiveSuite.Testing;

/// <summary>Hands out loopback TCP ports that are free right now.</summary>
/// <remarks>
/// Ports are picked below the kernel's ephemeral range (32768+ on Linux), so an outgoing connection cannot take
/// a port while its owner (e.g. a restarting broker) is briefly down. A port is never handed out twice per process.
/// </remarks>
public static class FreePort
{
    private const int RangeStart = 20000;
    private const int RangeEnd = 32000; // exclusive; also stays clear of RabbitMQ's CLI range 35672-35682
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>Returns a TCP port nobody listens on, on 127.0.0.1 nor on any address.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(RangeStart, RangeEnd);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }

            // Crowded range: let the kernel choose.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var assigned = ((IPEndPoint)listener.LocalEndpoint).Port;
            HandedOut.Add(assigned);
            return assigned;
        }
    }

    private static bool IsFree(int port) => CanBind(IPAddress.Loopback, port) && CanBind(IPAddress.Any, port);

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
