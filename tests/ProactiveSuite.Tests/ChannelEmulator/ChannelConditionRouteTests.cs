using System.Net;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// The control routes the playground, the benchmark and people use: <c>/emulator/faults</c>, <c>/emulator/latency</c>,
/// <c>/emulator/limits</c> and <c>/emulator/stats</c>, over real HTTP; bad bodies get 400 with a reason.
/// </summary>
public sealed class ChannelConditionRouteTests : IAsyncLifetime
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
    public async Task A_fault_posted_over_HTTP_applies_is_listed_and_can_be_removed()
    {
        using var added = await _bot.PostAsync("emulator/faults", new JsonObject
        {
            ["conversationId"] = "conv-1",
            ["operation"] = "send",
            ["status"] = 429,
            ["retryAfterSeconds"] = 4,
            ["times"] = 2,
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var rule = await BotCalls.JsonOf(added);
        var id = (string)rule["id"]!;
        Assert.Equal(ConnectorErrorCodes.Throttled, (string?)rule["code"]);

        using var throttled = await _bot.SendAsync("conv-1");
        using var listed = await _bot.GetAsync("emulator/faults");
        var rules = (await BotCalls.JsonOf(listed)).AsArray();
        using var removed = await _bot.DeleteAsync($"emulator/faults/{id}");
        using var removedAgain = await _bot.DeleteAsync($"emulator/faults/{id}");
        using var afterRemoval = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(4, BotCalls.RetryAfterOf(throttled));
        var listedRule = Assert.Single(rules);
        Assert.Equal(id, (string?)listedRule!["id"]);
        Assert.Equal("send", (string?)listedRule["operation"]);
        Assert.Equal(1, (int?)listedRule["applied"]);
        Assert.Equal(1, (int?)listedRule["remaining"]);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRemoval.StatusCode);
    }

    [Fact]
    public async Task A_hang_posted_over_HTTP_answers_504_after_its_delay()
    {
        using var added = await _bot.PostAsync("emulator/faults", new JsonObject { ["kind"] = "hang", ["hangMilliseconds"] = 20_000 });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var pending = _bot.SendAsync("conv-1");
        await _clock.TimerSetForAsync(TimeSpan.FromSeconds(20));
        _clock.Advance(TimeSpan.FromSeconds(20));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_faults_clears_every_rule()
    {
        _channel.Faults.AddRule(ChannelFault.Error(404));
        _channel.Faults.AddRule(ChannelFault.Error(503));

        using var cleared = await _bot.DeleteAsync("emulator/faults");
        using var send = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        Assert.Empty(_channel.Faults.Rules());
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"status": 403}""", "a 403 needs a code")]
    [InlineData("""{"status": 200}""", "status 200 is not an error")]
    [InlineData("""{"status": "403", "code": "ConversationBlockedByUser"}""", "status must be a whole number")]
    [InlineData("""{"code": "ConversationNotFound"}""", "status is required")]
    [InlineData("""{"status": 418}""", "has no usual error code")]
    [InlineData("""{"status": 404, "retryAfterSeconds": 3}""", "retryAfterSeconds only goes with status 429 or 503")]
    [InlineData("""{"status": 429, "retryAfterSeconds": -1}""", "retryAfterSeconds must be between 0")]
    [InlineData("""{"status": 404, "times": 0}""", "times, when given, must be at least 1")]
    [InlineData("""{"status": 404, "operation": "patch"}""", "operation 'patch' is not create, send, reply, update or delete")]
    [InlineData("""{"status": 404, "operation": "create", "conversationId": "conv-1"}""", "match creates with userId")]
    [InlineData("""{"status": 404, "conversationId": ""}""", "conversationId, when given, must not be empty")]
    [InlineData("""{"kind": "slow", "status": 404}""", "kind 'slow' is not error or hang")]
    [InlineData("""{"kind": "hang"}""", "a hang needs hangMilliseconds")]
    [InlineData("""{"kind": "hang", "hangMilliseconds": 600001}""", "at most 600000")]
    [InlineData("""{"status": 404, "hangMilliseconds": 100}""", "only a hang waits")]
    [InlineData("""{"status": 404, "retryAfterSecond": 3}""", "unknown property 'retryAfterSecond'")]
    public async Task A_fault_that_cannot_apply_is_refused_with_the_reason(string body, string reason)
    {
        using var response = await _bot.PostRawAsync("emulator/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", await BotCalls.ErrorCodeOf(response));
        Assert.Contains(reason, await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
        Assert.Empty(_channel.Faults.Rules());
    }

    [Fact]
    public void A_fault_that_cannot_apply_is_refused_in_process_too()
    {
        var error = Assert.Throws<ArgumentException>(() => _channel.Faults.AddRule(ChannelFault.Error(403)));

        Assert.Contains("a 403 needs a code", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _channel.Faults.AddRule(ChannelFault.Hang(TimeSpan.FromHours(1))));
        Assert.Throws<ArgumentException>(() => _channel.Faults.AddRule(ChannelFault.Error(404).On(ConnectorOperation.UserPost)));
        Assert.Empty(_channel.Faults.Rules());
    }

    [Fact]
    public async Task The_latency_is_set_and_read_over_HTTP()
    {
        using var set = await _bot.PutAsync("emulator/latency", new JsonObject { ["milliseconds"] = 50 });
        using var read = await _bot.GetAsync("emulator/latency");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(50, (double?)(await BotCalls.JsonOf(read))["milliseconds"]);
        Assert.Equal(TimeSpan.FromMilliseconds(50), _channel.Faults.Latency);
        var pending = _bot.SendAsync("conv-1");
        await _clock.TimerSetForAsync(TimeSpan.FromMilliseconds(50));
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{}", "milliseconds is required")]
    [InlineData("""{"milliseconds": -1}""", "milliseconds must be between 0 and 60000")]
    [InlineData("""{"milliseconds": 60001}""", "milliseconds must be between 0 and 60000")]
    [InlineData("""{"milliseconds": "50"}""", "milliseconds must be a number")]
    [InlineData("""{"ms": 50}""", "unknown property 'ms'")]
    [InlineData("50", "must be a JSON object")]
    public async Task A_latency_that_cannot_apply_is_refused_with_the_reason(string body, string reason)
    {
        using var response = await _bot.PutRawAsync("emulator/latency", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, _channel.Faults.Latency);
    }

    [Fact]
    public void A_latency_out_of_range_is_refused_in_process_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _channel.Faults.SetLatency(TimeSpan.FromMilliseconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _channel.Faults.SetLatency(ChannelFaults.MaxLatency + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public async Task Limits_put_over_HTTP_are_enforced_shown_and_stopped()
    {
        using var before = await _bot.GetAsync("emulator/limits");
        using var put = await _bot.PutAsync("emulator/limits", new JsonObject { ["enabled"] = true, ["tenantPerSecond"] = 2, ["retryAfterSeconds"] = 3 });
        var shown = await BotCalls.JsonOf(put);
        using var first = await _bot.SendAsync("conv-1");
        using var second = await _bot.SendAsync("conv-2");
        using var third = await _bot.SendAsync("conv-3");
        using var stopped = await _bot.DeleteAsync("emulator/limits");
        using var afterStop = await _bot.SendAsync("conv-4");

        Assert.False((bool)(await BotCalls.JsonOf(before))["enabled"]!);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((bool)shown["enabled"]!);
        Assert.Equal(4, shown["perConversation"]!.AsArray().Count);
        Assert.Equal(2, (int?)shown["perTenant"]![0]!["limit"]);
        Assert.Equal(1, (double?)shown["perTenant"]![0]!["seconds"]);
        Assert.Equal(3, (int?)shown["retryAfterSeconds"]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(3, BotCalls.RetryAfterOf(third));
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterStop.StatusCode);
        Assert.Null(_channel.Limits.Enforced);
    }

    [Fact]
    public async Task Limits_put_with_their_own_windows_replace_the_Teams_ones()
    {
        using var put = await _bot.PutAsync("emulator/limits", new JsonObject
        {
            ["enabled"] = true,
            ["perConversation"] = new JsonArray(new JsonObject { ["seconds"] = 10, ["limit"] = 2 }),
            ["perTenant"] = new JsonArray(),
        });
        using var first = await _bot.SendAsync("conv-1");
        using var second = await _bot.SendAsync("conv-1");
        using var third = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([new RateWindow(TimeSpan.FromSeconds(10), 2)], _channel.Limits.Enforced!.PerConversation);
        Assert.Empty(_channel.Limits.Enforced.PerTenant);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(10, BotCalls.RetryAfterOf(third));
    }

    [Fact]
    public async Task Limits_put_with_enabled_false_stop_enforcing()
    {
        _channel.Limits.EnforceTeamsLimits();

        using var put = await _bot.PutAsync("emulator/limits", new JsonObject { ["enabled"] = false });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((bool)(await BotCalls.JsonOf(put))["enabled"]!);
        Assert.Null(_channel.Limits.Enforced);
    }

    [Theory]
    [InlineData("{}", "enabled is required")]
    [InlineData("""{"enabled": "yes"}""", "enabled must be true or false")]
    [InlineData("""{"enabled": false, "tenantPerSecond": 5}""", "with enabled false there are no limits to give")]
    [InlineData("""{"enabled": true, "tenantPerSecond": 0}""", "limit must be between 1")]
    [InlineData("""{"enabled": true, "tenantPerSecond": 5, "perTenant": []}""", "give perTenant or tenantPerSecond, not both")]
    [InlineData("""{"enabled": true, "perConversation": [{"seconds": 0, "limit": 7}]}""", "must last more than 0")]
    [InlineData("""{"enabled": true, "perConversation": [{"seconds": 1}]}""", "seconds and limit are both required")]
    [InlineData("""{"enabled": true, "perConversation": [{"seconds": 1, "limit": 7, "burst": 2}]}""", "unknown property 'burst'")]
    [InlineData("""{"enabled": true, "perConversation": [7]}""", "must be an object")]
    [InlineData("""{"enabled": true, "perConversation": {"seconds": 1, "limit": 7}}""", "perConversation must be a list")]
    [InlineData("""{"enabled": true, "retryAfterSeconds": 3601}""", "retryAfterSeconds must be between 0 and 3600")]
    [InlineData("""{"enabled": true, "perConversation": [{"seconds": 1e300, "limit": 7}]}""", "must last more than 0 and at most 86400")]
    public async Task Limits_that_cannot_be_enforced_are_refused_with_the_reason(string body, string reason)
    {
        using var response = await _bot.PutRawAsync("emulator/limits", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
        Assert.Null(_channel.Limits.Enforced);
    }

    [Fact]
    public async Task Statistics_count_every_answer_by_conversation_and_in_total_and_reset()
    {
        _channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams with { PerConversation = [new RateWindow(TimeSpan.FromSeconds(1), 2)] });
        _channel.Faults.AddRule(ChannelFault.Error(404).InConversation("conv-gone"));
        _channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.ForbiddenOperationException).ForUser("user-bob").On(ConnectorOperation.CreateConversation));
        var created = await _bot.CreatedConversationAsync("user-ada");
        (await _bot.CreateAsync("user-bob")).Dispose();
        (await _bot.SendAsync(created)).Dispose();
        (await _bot.ReplyAsync(created, "activity-1")).Dispose();
        (await _bot.SendAsync(created)).Dispose();
        (await _bot.SendAsync("conv-gone")).Dispose();

        using var stats = await _bot.GetAsync("emulator/stats");
        var json = await BotCalls.JsonOf(stats);
        using var totalOnly = await _bot.GetAsync("emulator/stats?conversations=false");
        using var badQuery = await _bot.GetAsync("emulator/stats?conversations=maybe");
        using var reset = await _bot.DeleteAsync("emulator/stats");

        Assert.Equal(new ConnectorCallCounts(Creates: 1, Sends: 1, Replies: 1, Throttled: 1, Faulted: 2), Counts(json["total"]));
        Assert.Equal(new ConnectorCallCounts(Creates: 1, Sends: 1, Replies: 1, Throttled: 1, Faulted: 0), Counts(json["conversations"]![created]));
        Assert.Equal(ConnectorCallCounts.None with { Faulted = 1 }, Counts(json["conversations"]!["conv-gone"]));
        Assert.Equal(2, json["conversations"]!.AsObject().Count);
        Assert.Equal(3, (long?)json["total"]!["accepted"]);
        Assert.Null((await BotCalls.JsonOf(totalOnly))["conversations"]);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(ConnectorCallCounts.None, _channel.Statistics.Total);
        Assert.Empty(_channel.Statistics.Snapshot().ByConversation);
    }

    [Fact]
    public async Task Stopping_the_emulator_ends_a_hang_with_503()
    {
        var clock = new ManualClock();
        var channel = await ChannelEmulatorServer.StartAsync(clock, ct: TestContext.Current.CancellationToken);
        using var bot = new BotCalls(channel);
        channel.Faults.AddRule(ChannelFault.Hang(ChannelFault.MaxHang));
        var pending = bot.SendAsync("conv-1");
        await clock.TimerSetForAsync(ChannelFault.MaxHang);

        await channel.DisposeAsync();
        using var response = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ConnectorErrorCodes.ServiceUnavailable, await BotCalls.ErrorCodeOf(response));
    }

    private static ConnectorCallCounts Counts(JsonNode? json) => new(
        (long)json!["creates"]!, (long)json["sends"]!, (long)json["replies"]!, (long)json["throttled"]!, (long)json["faulted"]!);
}
