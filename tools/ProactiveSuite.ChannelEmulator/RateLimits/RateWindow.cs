namespace ProactiveSuite.ChannelEmulator;

/// <summary>At most <paramref name="Limit"/> calls within any span of <paramref name="Length"/> (a sliding window).</summary>
/// <param name="Length">The window, e.g. 1 second.</param>
/// <param name="Limit">How many calls it holds, e.g. 7.</param>
public sealed record RateWindow(TimeSpan Length, int Limit)
{
    /// <summary>The longest window: a day, well beyond the Teams hourly one.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(1);

    /// <summary>The largest limit: each counted conversation or tenant keeps up to this many timestamps.</summary>
    public const int MaxLimit = 1_000_000;

    internal string? Problem(string level) =>
        Length <= TimeSpan.Zero || Length > MaxLength ? $"a {level} window must last more than 0 and at most {MaxLength.TotalSeconds:0} seconds."
        : Limit is < 1 or > MaxLimit ? $"a {level} window's limit must be between 1 and {MaxLimit}."
        : null;

    /// <summary>How the window reads in a 429 message, e.g. <c>7 per 1 s</c>.</summary>
    internal string Describe() => $"{Limit} per {Length.TotalSeconds:0.###} s";
}
