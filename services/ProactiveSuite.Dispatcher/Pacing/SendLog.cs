namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// The sends for one key: those in flight (reserved, not yet answered) and those answered, at the time
/// the pacer counts them (<see cref="DeliveryPacer"/>). A send in flight counts in every window until it
/// is answered: when the channel counts it is unknown until then. Both lists are kept ordered, so the
/// sliding-window check is a look at one entry per window.
/// </summary>
internal sealed class SendLog
{
    private readonly List<DateTimeOffset> _counted = [];
    private readonly List<DateTimeOffset> _inFlight = [];
    private readonly Queue<TaskCompletionSource> _waiting = [];

    public bool IsEmpty => _counted.Count == 0 && _inFlight.Count == 0 && _waiting.Count == 0;

    /// <summary>
    /// The earliest time at or after <paramref name="now"/> at which one more send keeps every window within
    /// its limit; null when that depends on a send still in flight (its answer will tell).
    /// </summary>
    public DateTimeOffset? Earliest(DateTimeOffset now, IReadOnlyList<(TimeSpan Window, int Limit)> windows)
    {
        var earliest = now;
        foreach (var (window, limit) in windows)
        {
            // The window ending at the new send may hold limit-1 others: every send in flight, and the most
            // recent answered ones up to the rest, so the room-th most recent answered one must be out of it.
            var room = limit - _inFlight.Count;
            if (room <= 0)
            {
                return null;
            }

            if (_counted.Count >= room && _counted[^room] + window is var boundary && boundary > earliest)
            {
                earliest = boundary;
            }
        }

        return earliest;
    }

    public void Reserve(DateTimeOffset slot) => Insert(_inFlight, slot);

    /// <summary>A send reserved at <paramref name="slot"/> was answered; it counts at <paramref name="countedAt"/> from now on.</summary>
    public void Answer(DateTimeOffset slot, DateTimeOffset countedAt)
    {
        Remove(_inFlight, slot);
        Insert(_counted, countedAt);
        WakeOne();
    }

    /// <summary>A send reserved at <paramref name="slot"/> was never made: its room is free again.</summary>
    public void Release(DateTimeOffset slot)
    {
        Remove(_inFlight, slot);
        WakeOne();
    }

    /// <summary>Completes when a send of this key is answered or released, whichever waiter's turn it is (one per answer: one answer frees one send's room).</summary>
    public Task NextAnswer()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue(waiter);
        return waiter.Task;
    }

    /// <summary>
    /// Forgets answered sends older than any window can see, and sends in flight reserved before
    /// <paramref name="abandoned"/>: a Dispatcher that lost track of one (its process state, not the
    /// channel's) must not hold the key's room for ever.
    /// </summary>
    public void Trim(DateTimeOffset horizon, DateTimeOffset abandoned)
    {
        _counted.RemoveRange(0, CountBefore(_counted, horizon));
        _inFlight.RemoveRange(0, CountBefore(_inFlight, abandoned));
        while (_waiting.TryPeek(out var waiter) && waiter.Task.IsCompleted)
        {
            _waiting.Dequeue();
        }
    }

    private void WakeOne()
    {
        while (_waiting.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult())
            {
                return;
            }
        }
    }

    private static int CountBefore(List<DateTimeOffset> times, DateTimeOffset limit)
    {
        var count = 0;
        while (count < times.Count && times[count] < limit)
        {
            count++;
        }

        return count;
    }

    private static void Insert(List<DateTimeOffset> times, DateTimeOffset time)
    {
        var at = times.BinarySearch(time);
        times.Insert(at < 0 ? ~at : at + 1, time);
    }

    private static void Remove(List<DateTimeOffset> times, DateTimeOffset time)
    {
        var at = times.BinarySearch(time);
        if (at >= 0)
        {
            times.RemoveAt(at);
        }
    }
}
