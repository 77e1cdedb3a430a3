namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// The part of a round trip that every call takes, wherever the channel counts it (the network's own
/// delay): the shortest round trip answered in this span and the one before, less a tenth and less what
/// timers blur. Long spans on purpose: a round trip also holds waits that come and go (a busy CPU, a
/// queue), and only a minimum taken over a long time and many calls leaves those out (the first calls,
/// on cold connections, are the slowest). A network that becomes faster lowers the floor at once; one
/// that becomes slower raises it after two spans.
/// </summary>
internal sealed class RoundTripFloor(TimeSpan span)
{
    private const int TrustedAfter = 100;
    private static readonly TimeSpan Blur = TimeSpan.FromMilliseconds(2);
    private int _observed;
    private DateTimeOffset _currentStart = DateTimeOffset.MinValue;
    private TimeSpan _current = TimeSpan.MaxValue;
    private TimeSpan _previous = TimeSpan.MaxValue;

    /// <summary>Records one answered send's round trip and returns the floor, never more than this round trip.</summary>
    public TimeSpan Observe(TimeSpan roundTrip, DateTimeOffset answeredAt)
    {
        if (answeredAt - _currentStart >= span)
        {
            _previous = answeredAt - _currentStart >= span * 2 ? TimeSpan.MaxValue : _current;
            _current = TimeSpan.MaxValue;
            _currentStart = answeredAt;
        }

        _current = roundTrip < _current ? roundTrip : _current;
        if (++_observed <= TrustedAfter)
        {
            return TimeSpan.Zero;
        }

        var trusted = ((_current < _previous ? _current : _previous) * 0.9) - Blur;
        return trusted > TimeSpan.Zero ? trusted : TimeSpan.Zero;
    }
}
