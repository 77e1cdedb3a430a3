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
    /// Added to every window. The channel counts a send when it arrives, the Dispatcher when it leaves;
    /// the time in between varies from send to send, and without a margin a send that travels fast can
    /// land in the window of one that travelled slowly. Costs the per-tenant rate about margin/window.
    /// </summary>
    public TimeSpan Margin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>False turns pacing off, e.g. for a channel emulator without limits in a benchmark.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>At most <see cref="Limit"/> sends in any <see cref="Seconds"/>-long window.</summary>
public sealed class RateWindow
{
    public double Seconds { get; set; }

    public int Limit { get; set; }
}
