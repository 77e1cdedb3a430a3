using ProactiveSuite.Dispatcher.Pacing;

namespace ProactiveSuite.Tests.Dispatcher;

public class SlotWaitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(50.4, 0.8)]
    [InlineData(49.95, 0.99)]
    [InlineData(1000, 0.9)]
    public async Task A_send_waiting_for_its_slot_never_leaves_before_it_even_when_timers_fire_early(double slotInMilliseconds, double earlyByMilliseconds)
    {
        var clock = new ManualClock(T0);
        var timers = new EarlyTimers(clock, TimeSpan.FromMilliseconds(earlyByMilliseconds));
        var slot = T0 + TimeSpan.FromMilliseconds(slotInMilliseconds);

        var waiting = SlotWait.UntilAsync(slot, timers, TestContext.Current.CancellationToken);
        var fired = 0;
        while (fired < 100 && await timers.ArmedOrDoneAsync(waiting, fired))
        {
            clock.Advance(timers.LastDueAt - clock.GetUtcNow());
            fired++;
        }

        Assert.True(waiting.IsCompleted, $"still waiting after {fired} timers");
        await waiting;
        Assert.True(clock.GetUtcNow() >= slot, $"left at {clock.GetUtcNow():HH:mm:ss.fffffff}, before its slot {slot:HH:mm:ss.fffffff}");
    }

    /// <summary>Timers that fire up to <paramref name="early"/> (under a millisecond) before they are due, as the system's do (whole milliseconds on a coarse tick).</summary>
    private sealed class EarlyTimers(ManualClock clock, TimeSpan early) : TimeProvider
    {
        private int _armed;

        public DateTimeOffset LastDueAt { get; private set; }

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var firesIn = dueTime > early ? dueTime - early : TimeSpan.Zero;
            LastDueAt = clock.GetUtcNow() + firesIn;
            Interlocked.Increment(ref _armed);
            return clock.CreateTimer(callback, state, firesIn, period);
        }

        /// <summary>True once the wait armed one more timer than has fired; false once it is done.</summary>
        public async Task<bool> ArmedOrDoneAsync(Task waiting, int fired)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(30));
            while (!waiting.IsCompleted && Volatile.Read(ref _armed) <= fired)
            {
                await Task.Delay(1, patience.Token);
            }

            return !waiting.IsCompleted;
        }
    }
}
