namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// The times of the sends for one key, oldest first: a reservation's slot until the send is done,
/// then the time its answer came back. Kept ordered, so the sliding-window check is a look at one
/// entry per window.
/// </summary>
internal sealed class SendLog
{
    private readonly List<DateTimeOffset> _times = [];

    public DateTimeOffset? Last => _times.Count == 0 ? null : _times[^1];

    /// <summary>The earliest time at or after <paramref name="now"/> at which one more send keeps every window within its limit.</summary>
    public DateTimeOffset Earliest(DateTimeOffset now, IReadOnlyList<(TimeSpan Window, int Limit)> windows)
    {
        var earliest = Last is { } last && last > now ? last : now;
        foreach (var (window, limit) in windows)
        {
            // The window ending at t may hold limit-1 earlier sends: the limit-th most recent must be out of it.
            if (_times.Count >= limit)
            {
                var boundary = _times[_times.Count - limit] + window;
                if (boundary > earliest)
                {
                    earliest = boundary;
                }
            }
        }

        return earliest;
    }

    public void Add(DateTimeOffset time) => Insert(time);

    /// <summary>Moves one entry from its reserved slot to when the send was answered.</summary>
    public void Move(DateTimeOffset from, DateTimeOffset to)
    {
        var at = _times.BinarySearch(from);
        if (at >= 0)
        {
            _times.RemoveAt(at);
        }

        Insert(to);
    }

    private void Insert(DateTimeOffset time)
    {
        var at = _times.BinarySearch(time);
        _times.Insert(at < 0 ? ~at : at + 1, time);
    }

    /// <summary>Forgets sends older than any window can see.</summary>
    public void Trim(DateTimeOffset horizon)
    {
        var stale = 0;
        while (stale < _times.Count && _times[stale] < horizon)
        {
            stale++;
        }

        _times.RemoveRange(0, stale);
    }

    public bool IsEmpty => _times.Count == 0;
}
