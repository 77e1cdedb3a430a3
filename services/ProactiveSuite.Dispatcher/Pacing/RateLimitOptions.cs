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
    public SendCounting CountSendsAt { get; set; } = SendCounting.AnswerLessShortestRoundTrip;

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
    /// At its answer less the part of a round trip every call takes (the default; nine tenths of the
    /// shortest round trip of the last 10 to 20 minutes, less 2 ms, once that minimum has held for 5 s
    /// over at least 100 calls; see <see cref="RoundTripFloor"/>): that part lies on both sides of the
    /// channel's count alike for every call, so only what a call takes beyond it is uncertain, and that is
    /// counted as at the answer. A network's delay is then lost from each window only in part; waits that
    /// come and go (a busy CPU, a cold channel, a queue) are still counted in full.
    /// </summary>
    AnswerLessShortestRoundTrip,

    /// <summary>
    /// In the middle of its round trip: half a round trip less per window, and still safe while a call's way
    /// to the channel takes at least half as long as the earlier one's did. A channel that was slow to
    /// count (a cold start, a queue that then drains) breaks that, and 429s follow.
    /// </summary>
    MidRoundTrip,
}
