namespace ProactiveSuite.Tests;

/// <summary>
/// A clock that moves only when a test moves it, and shows the timers the emulator set on it (latency, hangs): rate
/// windows, delays and timeouts become deterministic, and no test waits for wall-clock time to pass.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>How long a test waits for the emulator to set a timer: only a bound on a broken run, never a measurement.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualClock()
        : this(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time on by <paramref name="by"/>, firing the timers that fall due, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }
        while (NextDue(target) is { } timer)
        {
            timer.Fire();
        }
        lock (_gate)
        {
            _now = target;
        }
    }

    /// <summary>
    /// The armed timer set for <paramref name="dueIn"/> from the time it was set, once the emulator has set it;
    /// fails the test with what was armed instead when none appears.
    /// </summary>
    public async Task<ManualTimer> TimerSetForAsync(TimeSpan dueIn)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        while (!deadline.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_timers.Find(t => t.DueIn == dueIn) is { } timer)
                {
                    return timer;
                }
            }
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        string armed;
        lock (_gate)
        {
            armed = string.Join(", ", _timers.Select(t => t.DueIn));
        }
        Assert.Fail($"No timer for {dueIn} was set within {Patience.TotalSeconds} s; armed: [{armed}].");
        return null!;
    }

    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            var due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
            if (due is not null)
            {
                _now = due.DueAt > _now ? due.DueAt : _now;
                _timers.Remove(due);
            }
            return due;
        }
    }

    /// <summary>A timer on the <see cref="ManualClock"/>; fires only when the clock is advanced past it.</summary>
    public sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        /// <summary>How long after it was (last) set it falls due.</summary>
        public TimeSpan DueIn { get; private set; }

        /// <summary>When it falls due on the clock.</summary>
        public DateTimeOffset DueAt { get; private set; }

        /// <summary>
        /// Completes when whoever set the timer disposes of it (a delay that ended or was cancelled); fails the test
        /// when that does not happen within the clock's patience.
        /// </summary>
        public async Task DisposedAsync()
        {
            try
            {
                await _disposed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The timer set for {DueIn} was still armed after {Patience.TotalSeconds} s: whatever waited on it never ended.");
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                DueIn = dueTime;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
            _disposed.TrySetResult();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        internal void Fire()
        {
            callback(state);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Change(_period, _period);
            }
        }
    }
}
