using System.Diagnostics;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>Deliveries per second as this tool watched them: from the first status it saw to the latest.</summary>
public sealed class DeliveryRate
{
    private readonly Stopwatch _watch = new();
    private int _firstDelivered;

    public double PerSecond { get; private set; }

    public void Observe(int delivered)
    {
        if (!_watch.IsRunning)
        {
            _firstDelivered = delivered;
            _watch.Start();
            return;
        }

        var seconds = _watch.Elapsed.TotalSeconds;
        PerSecond = seconds > 0 ? (delivered - _firstDelivered) / seconds : 0;
    }
}
