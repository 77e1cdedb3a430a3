using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>Teams-like message ids, and the bot replacing and deleting its messages, over real HTTP to the emulator.</summary>
public sealed class ActivityChangeTests : IAsyncLifetime
{
    private ChannelEmulatorServer _channel = null!;
    private BotCalls _bot = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await ChannelEmulatorServer.StartAsync(ct: TestContext.Current.CancellationToken);
        _bot = new BotCalls(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _bot.Dispose();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Message_ids_are_numeric_and_increase_within_a_conversation()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(long.Parse(await SentIdAsync("conv-ids", $"m{i}"), CultureInfo.InvariantCulture));
        }

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_update_replaces_the_message_and_is_recorded_as_updateActivity()
    {
        var id = await SentIdAsync("conv-edit", "first");

        using var response = await _bot.PutAsync(Url("conv-edit", id), Message("second"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (string?)(await BotCalls.JsonOf(response))["id"]);
        var recorded = _channel.Transcript.InConversation("conv-edit");
        Assert.Equal([ConnectorOperation.SendToConversation, ConnectorOperation.UpdateActivity], recorded.Select(a => a.Operation));
        Assert.Equal("second", _channel.Transcript.CurrentMessage("conv-edit", id)!.Text);
        Assert.Equal(1, _channel.Statistics.For("conv-edit").Updates);
        var listed = await BotCalls.JsonOf(await _bot.GetAsync("emulator/conversations/conv-edit/activities"));
        Assert.Equal("updateActivity", (string?)listed[1]!["operation"]);
    }

    [Fact]
    public async Task A_delete_is_recorded_as_deleteActivity_and_a_message_already_gone_answers_404()
    {
        var id = await SentIdAsync("conv-delete", "oops");

        using var deleted = await _bot.DeleteAsync(Url("conv-delete", id));
        using var again = await _bot.DeleteAsync(Url("conv-delete", id));
        using var updateGone = await _bot.PutAsync(Url("conv-delete", id), Message("too late"));
        using var unknown = await _bot.DeleteAsync(Url("conv-delete", "123"));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (again.StatusCode, updateGone.StatusCode, unknown.StatusCode));
        Assert.Equal(ConnectorOperation.DeleteActivity, _channel.Transcript.InConversation("conv-delete")[^1].Operation);
        Assert.Null(_channel.Transcript.CurrentMessage("conv-delete", id));
        Assert.Equal(1, _channel.Statistics.For("conv-delete").Deletes);
    }

    [Fact]
    public async Task Faults_apply_to_deletes_and_updates_of_one_user_like_to_sends()
    {
        var id = await SentIdAsync("conv-fault", "hello", "user-faulted");
        _channel.Faults.AddRule(ChannelFault.Throttled(TimeSpan.FromSeconds(2)).ForUser("user-faulted").On(ConnectorOperation.DeleteActivity).Times(1));
        using var rule = await _bot.PostAsync("emulator/faults", new JsonObject { ["operation"] = "update", ["status"] = 503, ["times"] = 1 });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        using var throttled = await _bot.DeleteAsync(Url("conv-fault", id));
        using var unavailable = await _bot.PutAsync(Url("conv-fault", id), Message("edited"));
        using var deleted = await _bot.DeleteAsync(Url("conv-fault", id));

        Assert.Equal((HttpStatusCode.TooManyRequests, 2), (throttled.StatusCode, BotCalls.RetryAfterOf(throttled)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var counts = _channel.Statistics.For("conv-fault");
        Assert.Equal((1L, 1L, 0L, 1L), (counts.Throttled, counts.Faulted, counts.Updates, counts.Deletes));
    }

    [Fact]
    public async Task Reading_a_conversation_without_messages_answers_404()
    {
        using var response = await _channel.UserReadsAsync("user-idle");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> SentIdAsync(string conversationId, string text, string? userId = null)
    {
        using var response = await _bot.SendAsync(conversationId, text, userId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await BotCalls.JsonOf(response))["id"]!;
    }

    private static string Url(string conversationId, string activityId) => $"v3/conversations/{conversationId}/activities/{activityId}";

    private static JsonObject Message(string text) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["recipient"] = new JsonObject { ["id"] = "user-ada" },
    };
}
