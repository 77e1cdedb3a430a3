namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// How fast one bot may send, bound from <c>Dispatcher:RateLimits</c>. Unset windows default to the
/// limits Microsoft Teams publishes.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Dispatcher:RateLimits";

    /// <summary>Teams: 7 per second, 8 per 2 seconds, 60 per 30 seconds, 1,800 per hour, per conversation.</summary>
    public static readonly RateWindow[] TeamsPerConversation =
    [
        new() { Seconds = 1, Limit = 7 },
        new() { Seconds = 2, Limit = 8 },
        new() { Seconds = 30, Limit = 60 },
        new() { Seconds = 3600, Limit = 1800 },
    ];

    /// <summary>Teams: about 50 requests per second per app and tenant.</summary>
    public static readonly RateWindow[] TeamsPerTenant = [new() { Seconds = 1, Limit = 50 }];

    public RateWindow[]? PerConversation { get; set; }

    public RateWindow[]? PerTenant { get; set; }

    /// <summary>
    /// How many Dispatchers share the bot's budget. Each one paces itself to its share (every limit
    /// divided by this, at least 1), so that together they stay within the channel's limits.
    /// </summary>
    public int Replicas { get; set; } = 1;

    /// <summary>
    /// Added to every window, for a channel whose clock runs differently from ours, or for
    /// <see cref="SendCounting.MidRoundTrip"/> on a network whose latency is uneven.
    /// </summary>
    public TimeSpan Margin { get; set; } = TimeSpan.Zero;

    /// <summary>When an answered send counts in the windows (<see cref="SendCounting"/>).</summary>
    public SendCounting CountSendsAt { get; set; } = SendCounting.Answer;

    /// <summary>False turns pacing off, e.g. for a channel emulator without limits in a benchmark.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>At most <see cref="Limit"/> sends in any <see cref="Seconds"/>-long window.</summary>
public sealed class RateWindow
{
    public double Seconds { get; set; }

    public int Limit { get; set; }
}

/// <summary>
/// When the pacer counts an answered send. The channel counted it somewhere between the moment it left
/// and the moment its answer came back; which moment the pacer assumes trades safety for rate.
/// </summary>
public enum SendCounting
{
    /// <summary>
    /// When its answer came back: never earlier than the channel counted it, so pacing alone never draws a
    /// 429, whatever the latency does. The price is one round trip per window: at most
    /// limit / (window + round trip) per second.
    /// </summary>
    Answer,

    /// <summary>
    /// In the middle of its round trip: half a round trip less per window, and still safe while a call's way
    /// to the channel takes at least half as long as the earlier one's did. A channel that was slow to
    /// count (a cold start, a queue that then drains) breaks that, and 429s follow.
    /// </summary>
    MidRoundTrip,
}
