namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// The part of a round trip that every call takes, wherever the channel counts it (the network's own
/// delay): nine tenths of the shortest round trip answered in this span and the one before, less what
/// timers blur. A round trip also holds waits that come and go (a busy CPU, a cold channel, a queue), and
/// only a minimum that has held for a while leaves those out: while the shortest round trip still falls
/// (a cold start: the first calls are the slowest), nothing is trusted. A network that becomes faster
/// lowers the floor at once; one that becomes slower raises it after two spans.
/// </summary>
internal sealed class RoundTripFloor(TimeSpan span)
{
    private const int TrustedAfterCalls = 100;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Blur = TimeSpan.FromMilliseconds(2);
    private DateTimeOffset _currentStart = DateTimeOffset.MinValue;
    private DateTimeOffset _steadySince = DateTimeOffset.MaxValue;
    private TimeSpan _current = TimeSpan.MaxValue;
    private TimeSpan _previous = TimeSpan.MaxValue;
    private int _observed;

    /// <summary>Records one answered send's round trip and returns the floor, never more than this round trip.</summary>
    public TimeSpan Observe(TimeSpan roundTrip, DateTimeOffset answeredAt)
    {
        if (answeredAt - _currentStart >= span)
        {
            _previous = answeredAt - _currentStart >= span * 2 ? TimeSpan.MaxValue : _current;
            _current = TimeSpan.MaxValue;
            _currentStart = answeredAt;
        }

        var shortest = Shortest;
        if (shortest == TimeSpan.MaxValue || roundTrip < shortest * 0.9)
        {
            _steadySince = answeredAt;
        }

        _current = roundTrip < _current ? roundTrip : _current;
        if (++_observed <= TrustedAfterCalls || answeredAt - _steadySince < Settle)
        {
            return TimeSpan.Zero;
        }

        var trusted = (Shortest * 0.9) - Blur;
        return trusted > TimeSpan.Zero ? trusted : TimeSpan.Zero;
    }

    private TimeSpan Shortest => _current < _previous ? _current : _previous;
}
