using System.Net;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>Fault rules and latency, over real HTTP to a channel emulator whose time the test moves.</summary>
public sealed class ChannelFaultTests : IAsyncLifetime
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
    public async Task An_error_rule_answers_its_status_and_ErrorResponse_and_delivers_nothing()
    {
        _channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.ConversationBlockedByUser, "User blocked the conversation with the bot.").InConversation("conv-blocked"));

        using var response = await _bot.SendAsync("conv-blocked");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ConversationBlockedByUser", await BotCalls.ErrorCodeOf(response));
        Assert.Equal("User blocked the conversation with the bot.", await BotCalls.ErrorMessageOf(response));
        Assert.Null(BotCalls.RetryAfterOf(response));
        Assert.Empty(_channel.Transcript.InConversation("conv-blocked"));
        Assert.Equal(ConnectorCallCounts.None with { Faulted = 1 }, _channel.Statistics.For("conv-blocked"));
        Assert.Equal(ConnectorCallCounts.None with { Faulted = 1 }, _channel.Statistics.Total);
    }

    [Theory]
    [InlineData(403, ConnectorErrorCodes.BotNotInConversationRoster)]
    [InlineData(403, ConnectorErrorCodes.BotDisabledByAdmin)]
    [InlineData(403, ConnectorErrorCodes.ForbiddenOperationException)]
    [InlineData(404, ConnectorErrorCodes.ConversationNotFound)]
    [InlineData(413, ConnectorErrorCodes.MessageSizeTooBig)]
    [InlineData(401, ConnectorErrorCodes.BotNotRegistered)]
    [InlineData(503, ConnectorErrorCodes.ServiceUnavailable)]
    [InlineData(500, "InternalServerError")]
    public async Task Every_status_and_code_is_answered_as_given(int status, string code)
    {
        _channel.Faults.AddRule(ChannelFault.Error(status, code));

        using var response = await _bot.SendAsync("conv-1");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, await BotCalls.ErrorCodeOf(response));
        Assert.False(string.IsNullOrWhiteSpace(await BotCalls.ErrorMessageOf(response)));
    }

    [Theory]
    [InlineData(404, ConnectorErrorCodes.ConversationNotFound)]
    [InlineData(413, ConnectorErrorCodes.MessageSizeTooBig)]
    [InlineData(401, ConnectorErrorCodes.BotNotRegistered)]
    [InlineData(502, ConnectorErrorCodes.ServiceError)]
    [InlineData(503, ConnectorErrorCodes.ServiceUnavailable)]
    [InlineData(504, ConnectorErrorCodes.GatewayTimeout)]
    public async Task A_rule_without_a_code_answers_the_status_usual_one(int status, string usualCode)
    {
        _channel.Faults.AddRule(ChannelFault.Error(status));

        using var response = await _bot.SendAsync("conv-1");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(usualCode, await BotCalls.ErrorCodeOf(response));
    }

    [Fact]
    public async Task A_throttling_rule_answers_429_with_Retry_After_and_counts_as_throttled()
    {
        _channel.Faults.AddRule(ChannelFault.Throttled(TimeSpan.FromSeconds(2.5)));

        using var response = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(ConnectorErrorCodes.Throttled, await BotCalls.ErrorCodeOf(response));
        Assert.Equal(3, BotCalls.RetryAfterOf(response));
        Assert.Equal(ConnectorCallCounts.None with { Throttled = 1 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task An_unavailable_rule_answers_503_with_Retry_After()
    {
        _channel.Faults.AddRule(ChannelFault.Unavailable(TimeSpan.FromSeconds(7)));

        using var response = await _bot.SendAsync("conv-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ConnectorErrorCodes.ServiceUnavailable, await BotCalls.ErrorCodeOf(response));
        Assert.Equal(7, BotCalls.RetryAfterOf(response));
    }

    [Fact]
    public async Task A_counted_rule_stops_applying_once_used_up_and_the_next_rule_takes_over()
    {
        var first = _channel.Faults.AddRule(ChannelFault.Error(503).Times(2));
        var second = _channel.Faults.AddRule(ChannelFault.Error(404).Times(1));

        using var a = await _bot.SendAsync("conv-1");
        using var b = await _bot.SendAsync("conv-1");
        using var c = await _bot.SendAsync("conv-1");
        using var d = await _bot.SendAsync("conv-1");

        Assert.Equal(
            [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound, HttpStatusCode.OK],
            [a.StatusCode, b.StatusCode, c.StatusCode, d.StatusCode]);
        Assert.Single(_channel.Transcript.InConversation("conv-1"));
        Assert.Equal([(first.Id, 2, 0), (second.Id, 1, 0)], _channel.Faults.Rules().Select(r => (r.Id, r.Applied, r.Remaining ?? -1)));
        Assert.Equal(ConnectorCallCounts.None with { Sends = 1, Faulted = 3 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task Concurrent_calls_never_use_a_count_more_than_it_allows()
    {
        _channel.Faults.AddRule(ChannelFault.Error(503).Times(5));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _bot.SendAsync($"conv-{i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_rule_for_one_conversation_leaves_the_others_alone()
    {
        _channel.Faults.AddRule(ChannelFault.Error(404).InConversation("conv-gone"));

        using var gone = await _bot.SendAsync("conv-gone");
        using var other = await _bot.SendAsync("conv-other");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Single(_channel.Transcript.InConversation("conv-other"));
    }

    [Fact]
    public async Task A_rule_for_one_operation_leaves_the_others_alone()
    {
        _channel.Faults.AddRule(ChannelFault.Error(412, ConnectorErrorCodes.PreconditionFailed).On(ConnectorOperation.ReplyToActivity));

        using var send = await _bot.SendAsync("conv-1");
        using var reply = await _bot.ReplyAsync("conv-1", "activity-1");

        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, reply.StatusCode);
        Assert.Equal(ConnectorCallCounts.None with { Sends = 1, Faulted = 1 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task A_rule_for_one_user_refuses_creating_a_conversation_with_that_user_only()
    {
        _channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.ForbiddenOperationException).ForUser("user-bob").On(ConnectorOperation.CreateConversation));

        using var bob = await _bot.CreateAsync("user-bob");
        using var ada = await _bot.CreateAsync("user-ada");
        using var sendToBob = await _bot.SendAsync("conv-bob", userId: "user-bob");

        Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
        Assert.Equal(ConnectorErrorCodes.ForbiddenOperationException, await BotCalls.ErrorCodeOf(bob));
        Assert.Equal(HttpStatusCode.Created, ada.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sendToBob.StatusCode);
        var created = Assert.Single(_channel.Transcript.CreatedConversations());
        Assert.Equal("user-ada", (string?)created.Members[0]["id"]);
        Assert.Equal(ConnectorCallCounts.None with { Creates = 1, Sends = 1, Faulted = 1 }, _channel.Statistics.Total);
    }

    [Fact]
    public async Task A_rule_for_one_user_matches_sends_by_recipient()
    {
        _channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.ConversationBlockedByUser).ForUser("user-bob"));

        using var bob = await _bot.SendAsync("conv-1", userId: "user-bob");
        using var ada = await _bot.SendAsync("conv-1", userId: "user-ada");

        Assert.Equal(HttpStatusCode.Forbidden, bob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ada.StatusCode);
    }

    [Fact]
    public async Task A_removed_rule_and_cleared_rules_no_longer_apply()
    {
        var removed = _channel.Faults.AddRule(ChannelFault.Error(404).InConversation("conv-1"));
        _channel.Faults.AddRule(ChannelFault.Error(404).InConversation("conv-2"));

        Assert.True(_channel.Faults.RemoveRule(removed.Id));
        Assert.False(_channel.Faults.RemoveRule(removed.Id));
        using var one = await _bot.SendAsync("conv-1");
        _channel.Faults.Clear();
        using var two = await _bot.SendAsync("conv-2");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Empty(_channel.Faults.Rules());
    }

    [Fact]
    public async Task A_hang_answers_only_once_its_delay_has_passed_and_delivers_nothing()
    {
        _channel.Faults.AddRule(ChannelFault.Hang(TimeSpan.FromSeconds(30)));

        var pending = _bot.SendAsync("conv-1");
        var hang = await _clock.TimerSetForAsync(TimeSpan.FromSeconds(30));
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(ConnectorErrorCodes.GatewayTimeout, await BotCalls.ErrorCodeOf(response));
        Assert.Empty(_channel.Transcript.All());
        Assert.Equal(ConnectorCallCounts.None with { Faulted = 1 }, _channel.Statistics.Total);
        await hang.DisposedAsync();
    }

    [Fact]
    public async Task A_hang_ends_when_the_caller_gives_up_and_the_channel_keeps_answering()
    {
        _channel.Faults.AddRule(ChannelFault.Hang(TimeSpan.FromMinutes(5)).Times(1));
        using var callerTimeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var pending = _bot.SendAsync("conv-1", ct: callerTimeout.Token);
        var hang = await _clock.TimerSetForAsync(TimeSpan.FromMinutes(5));
        // What a client's timeout does: cancel the request and drop the connection.
        await callerTimeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await hang.DisposedAsync();
        using var next = await _bot.SendAsync("conv-1");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(_channel.Transcript.InConversation("conv-1"));
        Assert.Equal(ConnectorCallCounts.None with { Sends = 1, Faulted = 1 }, _channel.Statistics.For("conv-1"));
    }

    [Fact]
    public async Task The_latency_delays_every_connector_call_by_the_configured_value()
    {
        _channel.Faults.SetLatency(TimeSpan.FromMilliseconds(50));

        var pending = _bot.SendAsync("conv-1");
        var latency = await _clock.TimerSetForAsync(TimeSpan.FromMilliseconds(50));
        Assert.False(pending.IsCompleted);
        Assert.Empty(_channel.Transcript.All());
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_channel.Transcript.InConversation("conv-1"));
        Assert.Equal(TimeSpan.FromMilliseconds(50), _channel.Faults.Latency);
        await latency.DisposedAsync();
    }

    [Fact]
    public async Task With_an_answer_latency_a_send_is_taken_before_the_bot_hears_so()
    {
        _channel.Faults.SetAnswerLatency(TimeSpan.FromSeconds(1));

        var pending = _bot.SendAsync("conv-1");
        var answer = await _clock.TimerSetForAsync(TimeSpan.FromSeconds(1));
        Assert.False(pending.IsCompleted);
        Assert.Single(_channel.Transcript.InConversation("conv-1"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), _channel.Faults.AnswerLatency);
        await answer.DisposedAsync();
    }

    [Fact]
    public async Task The_Bot_Framework_connector_client_reads_the_injected_ErrorResponse()
    {
        _channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.BotNotInConversationRoster).InConversation("conv-1"));
        using var connector = new ConnectorClient(_channel.BaseUrl, MicrosoftAppCredentials.Empty);

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() =>
            connector.Conversations.SendToConversationAsync("conv-1", MessageFactory(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(ConnectorErrorCodes.BotNotInConversationRoster, error.Body.Error.Code);
        Assert.Equal(ConnectorCallCounts.None with { Faulted = 1 }, _channel.Statistics.For("conv-1"));
    }

    private static Activity MessageFactory() => new()
    {
        Type = ActivityTypes.Message,
        Text = "hello",
        Recipient = new ChannelAccount("user-ada"),
        Conversation = new ConversationAccount(id: "conv-1"),
    };
}
