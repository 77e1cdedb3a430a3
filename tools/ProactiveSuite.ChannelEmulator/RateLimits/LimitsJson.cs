using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Rate limits as <c>/emulator/limits</c> reads and writes them: <c>{"enabled": true, "perConversation"?: [{"seconds": 1,
/// "limit": 7}, ...], "perTenant"?: [...], "tenantPerSecond"?: 500, "retryAfterSeconds"?: 2}</c>; omitted lists keep
/// the Teams windows; <c>{"enabled": false}</c> stops enforcing.
/// </summary>
internal static class LimitsJson
{
    public const string Shape =
        """{"enabled": true, "perConversation"?: [{"seconds": 1, "limit": 7}], "perTenant"?: [{"seconds": 1, "limit": 50}], "tenantPerSecond"?: 50, "retryAfterSeconds"?: 1}""";

    /// <summary>
    /// The limits the body asks for: <c>(true, limits)</c> to enforce, <c>(false, null)</c> to stop; null with the body's
    /// <see cref="ControlBody.Problem"/> set when it is wrong.
    /// </summary>
    public static (bool Enabled, ChannelRateLimits? Limits)? Read(ControlBody body)
    {
        body.Allow("enabled", "perConversation", "perTenant", "tenantPerSecond", "retryAfterSeconds");
        var enabled = body.Bool("enabled");
        if (body.Problem is null && enabled is null)
        {
            body.Fail("enabled is required: true to enforce limits, false to stop.");
        }
        if (body.Problem is not null)
        {
            return null;
        }
        if (enabled == false)
        {
            if (body.Has("perConversation") || body.Has("perTenant") || body.Has("tenantPerSecond") || body.Has("retryAfterSeconds"))
            {
                body.Fail("with enabled false there are no limits to give.");
                return null;
            }
            return (false, null);
        }

        var limits = ChannelRateLimits.Teams;
        if (body.Array("perConversation") is { } perConversation && Windows(body, perConversation, "perConversation") is { } conversationWindows)
        {
            limits = limits with { PerConversation = conversationWindows };
        }
        if (body.Has("perTenant") && body.Has("tenantPerSecond"))
        {
            body.Fail("give perTenant or tenantPerSecond, not both.");
        }
        if (body.Array("perTenant") is { } perTenant && Windows(body, perTenant, "perTenant") is { } tenantWindows)
        {
            limits = limits with { PerTenant = tenantWindows };
        }
        if (body.Int("tenantPerSecond") is { } tenantPerSecond)
        {
            limits = limits.WithTenantLimitPerSecond(tenantPerSecond);
        }
        if (body.Int("retryAfterSeconds") is { } retryAfterSeconds)
        {
            limits = limits with { RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds) };
        }
        if (body.Problem is null && limits.Problem() is { } problem)
        {
            body.Fail(problem);
        }
        return body.Problem is null ? (true, limits) : null;
    }

    public static JsonObject Write(ChannelRateLimits? limits) => limits is null
        ? new JsonObject { ["enabled"] = false }
        : new JsonObject
        {
            ["enabled"] = true,
            ["perConversation"] = Write(limits.PerConversation),
            ["perTenant"] = Write(limits.PerTenant),
            ["retryAfterSeconds"] = limits.RetryAfter is { } retryAfter ? (long)Math.Ceiling(retryAfter.TotalSeconds) : null,
        };

    private static RateWindow[]? Windows(ControlBody body, JsonArray items, string level)
    {
        var windows = new List<RateWindow>();
        foreach (var item in items)
        {
            if (item is not JsonObject json)
            {
                body.Fail($"each {level} window must be an object: {{\"seconds\": 1, \"limit\": 7}}.");
                return null;
            }
            var window = ControlBody.Of(json);
            window.Allow("seconds", "limit");
            var seconds = window.Number("seconds");
            var limit = window.Int("limit");
            if (window.Problem is null && (seconds is null || limit is null))
            {
                window.Fail("seconds and limit are both required.");
            }
            if (window.Problem is not null)
            {
                body.Fail($"a {level} window: {window.Problem}");
                return null;
            }
            if (seconds is <= 0 || seconds > RateWindow.MaxLength.TotalSeconds)
            {
                body.Fail($"a {level} window must last more than 0 and at most {RateWindow.MaxLength.TotalSeconds:0} seconds.");
                return null;
            }
            windows.Add(new RateWindow(TimeSpan.FromSeconds(seconds!.Value), limit!.Value));
        }
        return [.. windows];
    }

    private static JsonArray Write(IReadOnlyList<RateWindow> windows) =>
        [.. windows.Select(w => (JsonNode)new JsonObject { ["seconds"] = w.Length.TotalSeconds, ["limit"] = w.Limit })];
}
