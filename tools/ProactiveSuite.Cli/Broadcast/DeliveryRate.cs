using System.Diagnostics;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>
/// Deliveries per second over the last few seconds this tool watched: a pacing or throttling change shows
/// within a window, not diluted by the whole run. Until there are two samples, the service's start time stands in.
/// </summary>
public sealed class DeliveryRate
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan At, int Delivered)> _samples = new();

    public double PerSecond { get; private set; }

    public void Observe(int delivered, DateTimeOffset startedAt)
    {
        var now = _watch.Elapsed;
        _samples.Enqueue((now, delivered));
        while (_samples.Count > 2 && now - _samples.Peek().At > Window)
        {
            _samples.Dequeue();
        }

        var (firstAt, firstDelivered) = _samples.Peek();
        if (_samples.Count > 1 && now > firstAt)
        {
            PerSecond = (delivered - firstDelivered) / (now - firstAt).TotalSeconds;
            return;
        }

        // Clocks of the tool and the service may differ; a negative or tiny span says nothing.
        var sinceStart = DateTimeOffset.UtcNow - startedAt;
        PerSecond = sinceStart > TimeSpan.FromMilliseconds(500) ? delivered / sinceStart.TotalSeconds : 0;
    }
}
