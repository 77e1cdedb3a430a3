namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// Waits until a reserved slot has come by the clock the pacer reads, never less. A timer fires up to about a
/// millisecond early (it counts whole milliseconds on a coarse tick), and a send that leaves before its slot can
/// reach the channel inside the window the slot was placed after: at a low rate every slot is on a window's edge.
/// </summary>
public static class SlotWait
{
    public static async Task UntilAsync(DateTimeOffset slot, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var now = clock.GetUtcNow(); now < slot; now = clock.GetUtcNow())
        {
            await Task.Delay(WholeMillisecondsUpTo(slot - now), clock, cancellationToken);
        }
    }

    private static TimeSpan WholeMillisecondsUpTo(TimeSpan wait) => TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
