using System.Net;
using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// The Teams rate limits, enforced over real HTTP; the windows run on a clock the test moves, so "within a second"
/// means the same instant however slow the machine is.
/// </summary>
public sealed class ChannelLimitTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private ChannelEmulatorServer _channel = null!;
    private BotCalls _bot = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await ChannelEmulatorServer.StartAsync(_clock, ct: TestContext.Current.CancellationToken);
        _bot = new BotCalls(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _bot.Dispose();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task No_limits_are_enforced_by_default()
    {
        Assert.Null(_channel.Limits.Enforced);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 20), await SendAsync("conv-1", 20));
    }

    [Fact]
    public async Task The_eighth_send_within_a_second_to_one_conversation_gets_429_with_Retry_After()
    {
        _channel.Limits.EnforceTeamsLimits();

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 7), await SendAsync("conv-1", 7));
        using var eighth = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
        Assert.True(BotCalls.RetryAfterOf(eighth) >= 1, "Retry-After must be at least one second.");
        Assert.Equal(ConnectorErrorCodes.Throttled, await BotCalls.ErrorCodeOf(eighth));
        Assert.Contains("7 per 1 s", await BotCalls.ErrorMessageOf(eighth), StringComparison.Ordinal);
        Assert.Equal(7, _channel.Transcript.InConversation("conv-1").Count);
        Assert.Equal(ConnectorCallCounts.None with { Sends = 7, Throttled = 1 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task A_throttled_conversation_does_not_hold_back_the_others()
    {
        _channel.Limits.EnforceTeamsLimits();
        await SendAsync("conv-1", 8);

        using var other = await _bot.SendAsync("conv-2");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Replies_count_with_sends_in_the_conversation_windows()
    {
        _channel.Limits.EnforceTeamsLimits();
        await SendAsync("conv-1", 4);
        for (var i = 0; i < 3; i++)
        {
            using var reply = await _bot.ReplyAsync("conv-1", "activity-1");
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        using var eighth = await _bot.ReplyAsync("conv-1", "activity-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
        Assert.Equal(ConnectorCallCounts.None with { Sends = 4, Replies = 3, Throttled = 1 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task The_windows_slide_and_Retry_After_says_when_the_call_would_fit()
    {
        _channel.Limits.EnforceTeamsLimits();
        await SendAsync("conv-1", 7);

        _clock.Advance(TimeSpan.FromSeconds(1));
        using var eighth = await _bot.SendAsync("conv-1");
        using var ninth = await _bot.SendAsync("conv-1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var tenth = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.OK, eighth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.StatusCode);
        Assert.Contains("8 per 2 s", await BotCalls.ErrorMessageOf(ninth), StringComparison.Ordinal);
        Assert.Equal(1, BotCalls.RetryAfterOf(ninth));
        Assert.Equal(HttpStatusCode.OK, tenth.StatusCode);
    }

    [Fact]
    public async Task Sixty_sends_in_thirty_seconds_fill_the_half_minute_window_until_the_first_leaves_it()
    {
        _channel.Limits.EnforceTeamsLimits();
        // Four a second fits the one- and two-second windows: only the 30-second one can refuse.
        for (var second = 0; second < 15; second++)
        {
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 4), await SendAsync("conv-1", 4));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var sixtyFirst = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixtyFirst.StatusCode);
        Assert.Contains("60 per 30 s", await BotCalls.ErrorMessageOf(sixtyFirst), StringComparison.Ordinal);
        // The first four were sent at 0 s; it is now 15 s: they leave the window in 15 s.
        Assert.Equal(15, BotCalls.RetryAfterOf(sixtyFirst));
        _clock.Advance(TimeSpan.FromSeconds(15));
        using var later = await _bot.SendAsync("conv-1");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_fixed_Retry_After_is_answered_whatever_the_window()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams with { RetryAfter = TimeSpan.FromSeconds(5) });
        await SendAsync("conv-1", 7);

        using var eighth = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
        Assert.Equal(5, BotCalls.RetryAfterOf(eighth));
    }

    [Fact]
    public async Task Concurrent_sends_at_one_instant_admit_exactly_the_limit()
    {
        _channel.Limits.EnforceTeamsLimits();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await _bot.SendAsync("conv-1");
            return response.StatusCode;
        }));

        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(13, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(7, _channel.Transcript.InConversation("conv-1").Count);
        Assert.Equal(ConnectorCallCounts.None with { Sends = 7, Throttled = 13 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task The_tenant_limit_spans_conversations_and_other_tenants_are_not_held_back()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(3));

        var firstThree = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await _bot.SendAsync($"conv-{i}", tenantId: "tenant-a");
            firstThree.Add(response.StatusCode);
        }
        using var fourth = await _bot.SendAsync("conv-4", tenantId: "tenant-a");
        using var otherTenant = await _bot.SendAsync("conv-5", tenantId: "tenant-b");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 3), firstThree);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("tenant 'tenant-a' allows 3 per 1 s", await BotCalls.ErrorMessageOf(fourth), StringComparison.Ordinal);
        Assert.True(BotCalls.RetryAfterOf(fourth) >= 1, "Retry-After must be at least one second.");
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
    }

    [Fact]
    public async Task The_tenant_can_come_from_Teams_channelData()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(2));

        using var first = await _bot.SendAsync("conv-1", channelDataTenantId: "tenant-a");
        using var second = await _bot.SendAsync("conv-2", tenantId: "tenant-a");
        using var third = await _bot.SendAsync("conv-3", channelDataTenantId: "tenant-a");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("tenant 'tenant-a'", await BotCalls.ErrorMessageOf(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_naming_no_tenant_count_against_the_tenant_their_conversation_was_created_in()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(3));

        var conversation = await _bot.CreatedConversationAsync("user-ada", tenantId: "tenant-c");
        using var first = await _bot.SendAsync(conversation);
        using var second = await _bot.SendAsync(conversation);
        using var third = await _bot.SendAsync(conversation);
        using var elsewhere = await _bot.SendAsync("conv-without-tenant");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("tenant 'tenant-c'", await BotCalls.ErrorMessageOf(third), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Calls_naming_no_tenant_share_the_default_tenant()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(2));

        using var first = await _bot.SendAsync("conv-1");
        using var second = await _bot.SendAsync("conv-2");
        using var third = await _bot.SendAsync("conv-3");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains($"tenant '{ChannelRateLimits.DefaultTenant}'", await BotCalls.ErrorMessageOf(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creates_count_against_their_tenant_and_a_refused_create_creates_nothing()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(2));

        using var first = await _bot.CreateAsync("user-1", tenantId: "tenant-a");
        using var second = await _bot.CreateAsync("user-2", tenantId: "tenant-a");
        using var third = await _bot.CreateAsync("user-3", tenantId: "tenant-a");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(2, _channel.Transcript.CreatedConversations().Count);
        Assert.Equal(ConnectorCallCounts.None with { Creates = 2, Throttled = 1 }, _channel.Statistics.Total);
    }

    [Fact]
    public async Task Faulted_calls_are_not_counted_against_the_limits()
    {
        _channel.Limits.EnforceTeamsLimits();
        _channel.Faults.AddRule(ChannelFault.Error(503).Times(3));

        var statuses = await SendAsync("conv-1", 11);

        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 3), .. Enumerable.Repeat(HttpStatusCode.OK, 7), HttpStatusCode.TooManyRequests],
            statuses);
    }

    [Fact]
    public async Task Enforcing_again_starts_from_empty_windows_and_stopping_admits_everything()
    {
        _channel.Limits.EnforceTeamsLimits();
        await SendAsync("conv-1", 8);

        _channel.Limits.EnforceTeamsLimits();
        var afterRestart = await SendAsync("conv-1", 8);
        _channel.Limits.StopEnforcing();
        var afterStop = await SendAsync("conv-1", 10);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 7), HttpStatusCode.TooManyRequests], afterRestart);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10), afterStop);
        Assert.Null(_channel.Limits.Enforced);
    }

    [Fact]
    public void Limits_that_cannot_be_enforced_are_refused_with_the_reason()
    {
        var zeroLimit = Assert.Throws<ArgumentException>(() =>
            _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(0)));
        var zeroWindow = Assert.Throws<ArgumentException>(() =>
            _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams with { PerConversation = [new RateWindow(TimeSpan.Zero, 7)] }));

        Assert.Contains("limit must be between 1", zeroLimit.Message, StringComparison.Ordinal);
        Assert.Contains("must last more than 0", zeroWindow.Message, StringComparison.Ordinal);
        Assert.Null(_channel.Limits.Enforced);
    }

    private async Task<List<HttpStatusCode>> SendAsync(string conversationId, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await _bot.SendAsync(conversationId, $"message {i}");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
