namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The rate limits <see cref="ChannelLimits"/> enforces, per bot: sliding windows per conversation and per tenant.
/// Defaults are the Teams ones (shared/connector-facts.md): per conversation 7 per 1 s, 8 per 2 s, 60 per 30 s and
/// 1800 per hour; per tenant 50 per second, which a benchmark can scale up with <see cref="WithTenantLimitPerSecond"/>.
/// </summary>
public sealed record ChannelRateLimits
{
    /// <summary>The tenant of calls that name none (no <c>tenantId</c> anywhere): they all share this one.</summary>
    public const string DefaultTenant = "default";

    /// <summary>At most this many windows per level.</summary>
    public const int MaxWindows = 16;

    /// <summary>The Teams limits.</summary>
    public static ChannelRateLimits Teams { get; } = new();

    /// <summary>Windows every conversation's sends and replies must fit (creates count per tenant only).</summary>
    public IReadOnlyList<RateWindow> PerConversation { get; init; } =
    [
        new(TimeSpan.FromSeconds(1), 7),
        new(TimeSpan.FromSeconds(2), 8),
        new(TimeSpan.FromSeconds(30), 60),
        new(TimeSpan.FromHours(1), 1800),
    ];

    /// <summary>Windows every tenant's creates, sends and replies together must fit.</summary>
    public IReadOnlyList<RateWindow> PerTenant { get; init; } = [new(TimeSpan.FromSeconds(1), 50)];

    /// <summary>
    /// The <c>Retry-After</c> every 429 carries (whole seconds, rounded up); null to tell each caller when its call
    /// would have fitted (rounded up, at least 1 second).
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>These limits with one per-tenant window: <paramref name="requestsPerSecond"/> per second.</summary>
    public ChannelRateLimits WithTenantLimitPerSecond(int requestsPerSecond) =>
        this with { PerTenant = [new RateWindow(TimeSpan.FromSeconds(1), requestsPerSecond)] };

    /// <summary>Why these limits cannot be enforced, or null when they can.</summary>
    internal string? Problem()
    {
        if (PerConversation is null || PerTenant is null)
        {
            return "perConversation and perTenant must be lists (empty for no limit).";
        }
        if (PerConversation.Count > MaxWindows || PerTenant.Count > MaxWindows)
        {
            return $"at most {MaxWindows} windows per level.";
        }
        if ((WindowsProblem(PerConversation, "perConversation") ?? WindowsProblem(PerTenant, "perTenant")) is { } windowProblem)
        {
            return windowProblem;
        }
        if (RetryAfter is { } retryAfter && (retryAfter < TimeSpan.Zero || retryAfter > ChannelFault.MaxRetryAfter))
        {
            return $"retryAfterSeconds must be between 0 and {ChannelFault.MaxRetryAfter.TotalSeconds:0}.";
        }
        return null;
    }

    private static string? WindowsProblem(IReadOnlyList<RateWindow> windows, string level)
    {
        foreach (var window in windows)
        {
            // A list built by hand, or read from JSON, may hold nulls whatever its declared type says.
            if (window is null)
            {
                return $"a {level} window is missing.";
            }
            if (window.Problem(level) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }
}
