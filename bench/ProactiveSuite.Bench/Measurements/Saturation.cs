using ProactiveSuite.Bench.Results;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// How close a paced broadcast came to the channel's per-tenant limit. The rate is counted in whole one-second
/// windows from the first accepted send (the limit's own unit), so neither a burst at the start nor the tail after
/// the last full window can make it look better or worse than the limit allows: at the limit it is exactly 1.0.
/// </summary>
public static class Saturation
{
    public static SaturationResult Judge(int limitPerSecond, BroadcastResult broadcast, IReadOnlyList<DateTimeOffset> acceptedAt)
    {
        var attempts = broadcast.EmulatorSends + broadcast.EmulatorThrottled;
        var throttledShare = attempts == 0 ? 0 : (double)broadcast.EmulatorThrottled / attempts;
        if (acceptedAt.Count < 2)
        {
            return new SaturationResult(limitPerSecond, 0, 0, 0, throttledShare, acceptedAt.Count, broadcast);
        }

        var first = acceptedAt[0];
        var windows = (int)Math.Floor((acceptedAt[^1] - first).TotalSeconds);
        var achieved = windows < 1
            ? 0
            : (double)acceptedAt.Count(t => t < first + TimeSpan.FromSeconds(windows)) / windows;
        return new SaturationResult(
            limitPerSecond,
            Math.Round(achieved, 1),
            windows,
            Math.Round(achieved / limitPerSecond, 3),
            Math.Round(throttledShare, 5),
            MaxInAnyWindow(acceptedAt, TimeSpan.FromSeconds(1)),
            broadcast);
    }

    private static int MaxInAnyWindow(IReadOnlyList<DateTimeOffset> sorted, TimeSpan window)
    {
        var max = 0;
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }
}
