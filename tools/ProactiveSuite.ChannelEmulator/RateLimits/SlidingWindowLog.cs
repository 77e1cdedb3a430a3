namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The times of the last calls one conversation or tenant made, in a ring of at most the largest window limit.
/// A window of limit L is full when the L-th newest call is still inside it, so each check is O(1) per window and
/// the log never needs pruning. The ring grows on demand, so a conversation that sent twice holds two entries,
/// not 1800. Not thread-safe: callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class SlidingWindowLog(int capacity)
{
    private long[] _times = new long[Math.Min(capacity, 8)];
    private int _next;
    private int _count;

    public Lock Gate { get; } = new();

    /// <summary>
    /// How long (in timestamp units) until a call at <paramref name="now"/> would fit every window, and the window
    /// that holds it back longest; zero and null when it fits now.
    /// </summary>
    public (long Wait, CountedWindow? Full) WaitFor(IReadOnlyList<CountedWindow> windows, long now)
    {
        var wait = 0L;
        CountedWindow? full = null;
        foreach (var window in windows)
        {
            if (_count < window.Limit)
            {
                continue;
            }
            // The call L back leaves the window at its time + the window's length; until then the window holds L.
            var leavesAt = NthNewest(window.Limit) + window.Length;
            if (leavesAt - now > wait)
            {
                wait = leavesAt - now;
                full = window;
            }
        }
        return (wait, full);
    }

    public void Add(long now)
    {
        if (capacity == 0)
        {
            return;
        }
        if (_count == _times.Length && _times.Length < capacity)
        {
            Grow();
        }
        _times[_next] = now;
        _next = (_next + 1) % _times.Length;
        if (_count < _times.Length)
        {
            _count++;
        }
    }

    private long NthNewest(int n) => _times[(_next - n + _times.Length) % _times.Length];

    private void Grow()
    {
        var grown = new long[(int)Math.Min((long)_times.Length * 2, capacity)];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _times[(_next - _count + i + _times.Length) % _times.Length];
        }
        _times = grown;
        _next = _count;
    }
}

/// <summary>A <see cref="RateWindow"/> in the clock's timestamp units, as the logs count it.</summary>
internal sealed record CountedWindow(RateWindow Window, long Length, int Limit);
