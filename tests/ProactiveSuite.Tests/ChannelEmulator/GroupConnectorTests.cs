using System.Net;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using static ProactiveSuite.Tests.ChannelEmulator.GroupCalls;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// The Bot Connector API on group conversations, answered as Teams does: posts filed under the group (a channel
/// thread's <c>;messageid=</c> cut), 403 BotNotInConversationRoster once the bot is out, the roster, and in msteams mode
/// no one-to-one create without a tenant.
/// </summary>
public sealed class GroupConnectorTests : IAsyncLifetime
{
    private RecordingBot _gateway = null!;
    private ChannelEmulatorServer _channel = null!;
    private BotCalls _calls = null!;

    public async ValueTask InitializeAsync()
    {
        _gateway = await RecordingBot.StartAsync();
        _channel = await ChannelEmulatorServer.StartAsync(o => o.GatewayUrl = _gateway.Endpoint, TestContext.Current.CancellationToken);
        _calls = new BotCalls(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _calls.Dispose();
        await _channel.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task The_bots_posts_into_a_channel_thread_are_recorded_under_the_channel_beside_the_users_posts()
    {
        var team = await TeamAsync(_calls, "ada");
        await AddBotAsync(_calls, Id(team));
        using var post = await PostAsync(_calls, Id(team), "ada", "deploy?");
        var root = (string)(await BotCalls.JsonOf(post))["activityId"]!;

        using var inThread = await _calls.SendAsync($"{Id(team)};messageid={root}", "deployed");
        using var newPost = await _calls.SendAsync(Id(team), "release notes");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (inThread.StatusCode, newPost.StatusCode));
        var messages = _channel.Transcript.InConversation(Id(team)).Where(a => a.Type == "message").ToList();
        Assert.Equal(["deploy?", "deployed", "release notes"], messages.Select(a => a.Text));
        Assert.Equal((root, null), ((string?)messages[1].Activity["replyToId"], (string?)messages[2].Activity["replyToId"]));
        Assert.Equal(ActivityDirection.ToUser, messages[1].Direction);
        Assert.Empty(_channel.Transcript.InConversation($"{Id(team)};messageid={root}"));
        var listed = (await BotCalls.JsonOf(await _calls.GetAsync($"emulator/conversations/{Uri.EscapeDataString(Id(team))}/activities"))).AsArray();
        Assert.Equal(["deploy?", "deployed", "release notes"], listed.Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]));
    }

    [Fact]
    public async Task The_bot_updates_and_deletes_its_post_through_the_threads_id()
    {
        var team = await TeamAsync(_calls, "ada");
        await AddBotAsync(_calls, Id(team));
        var thread = $"{Id(team)};messageid=1700000000000";
        var sent = (string)(await BotCalls.JsonOf(await _calls.SendAsync(thread, "draft")))["id"]!;

        using var updated = await _calls.PutAsync($"v3/conversations/{Uri.EscapeDataString(thread)}/activities/{sent}", new JsonObject { ["type"] = "message", ["text"] = "final" });
        using var deleted = await _calls.DeleteAsync($"v3/conversations/{Uri.EscapeDataString(thread)}/activities/{sent}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (updated.StatusCode, deleted.StatusCode));
        Assert.Equal(
            [ConnectorOperation.SendToConversation, ConnectorOperation.UpdateActivity, ConnectorOperation.DeleteActivity],
            _channel.Transcript.InConversation(Id(team)).Where(a => a.Direction == ActivityDirection.ToUser).Select(a => a.Operation));
    }

    [Fact]
    public async Task Every_write_into_a_group_the_bot_left_is_403_BotNotInConversationRoster_and_not_recorded()
    {
        var chat = await ChatAsync(_calls, "ada");
        await AddBotAsync(_calls, Id(chat));
        var sent = (string)(await BotCalls.JsonOf(await _calls.SendAsync(Id(chat), "before")))["id"]!;
        using (var removed = await _calls.DeleteAsync(Url(Id(chat), "bot")))
        {
            Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        }
        var recordedBefore = _channel.Transcript.InConversation(Id(chat)).Count;
        var url = $"v3/conversations/{Uri.EscapeDataString(Id(chat))}/activities";

        using var send = await _calls.SendAsync(Id(chat), "after");
        using var reply = await _calls.ReplyAsync(Id(chat), sent, "after");
        using var update = await _calls.PutAsync($"{url}/{sent}", new JsonObject { ["type"] = "message", ["text"] = "after" });
        using var delete = await _calls.DeleteAsync($"{url}/{sent}");

        foreach (var response in new[] { send, reply, update, delete })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(ConnectorErrorCodes.BotNotInConversationRoster, await BotCalls.ErrorCodeOf(response));
        }
        Assert.Equal(recordedBefore, _channel.Transcript.InConversation(Id(chat)).Count);
    }

    [Fact]
    public async Task A_group_made_without_the_bot_refuses_its_sends_and_unknown_conversations_are_still_accepted()
    {
        var team = await TeamAsync(_calls, "ada");

        using var intoGroup = await _calls.SendAsync($"{Id(team)};messageid=1", "hello");
        using var unknown = await _calls.SendAsync("19:not-made-here@thread.tacv2", "hello");

        Assert.Equal(HttpStatusCode.Forbidden, intoGroup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
    }

    [Fact]
    public async Task Members_lists_the_roster_while_the_bot_is_in_403_once_out_and_404_for_an_unknown_conversation()
    {
        var chat = await ChatAsync(_calls, "ada", "grace");
        var url = $"v3/conversations/{Uri.EscapeDataString(Id(chat))}/members";
        using var before = await _calls.GetAsync(url);
        await AddBotAsync(_calls, Id(chat));

        using var members = await _calls.GetAsync(url);
        using var unknown = await _calls.GetAsync("v3/conversations/emu-ada/members");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(ConnectorErrorCodes.BotNotInConversationRoster, await BotCalls.ErrorCodeOf(before));
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        var roster = (await BotCalls.JsonOf(members)).AsArray();
        Assert.Equal([("ada", "User ada"), ("grace", "User grace")], roster.Select(m => ((string)m!["id"]!, (string)m["name"]!)));
        Assert.All(roster, m => Assert.NotNull((string?)m!["aadObjectId"]));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ConnectorErrorCodes.ConversationNotFound, await BotCalls.ErrorCodeOf(unknown));
    }

    [Fact]
    public async Task In_emulator_mode_a_create_without_a_tenant_is_accepted()
    {
        using var response = await _calls.CreateAsync("user-ada");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>The emulator looking like Teams (channel <c>msteams</c>): Teams' tenant rules.</summary>
public sealed class GroupConnectorTeamsModeTests : IAsyncLifetime
{
    private RecordingBot _gateway = null!;
    private ChannelEmulatorServer _channel = null!;
    private BotCalls _calls = null!;

    public async ValueTask InitializeAsync()
    {
        _gateway = await RecordingBot.StartAsync();
        _channel = await ChannelEmulatorServer.StartAsync(
            o =>
            {
                o.ChannelId = "msteams";
                o.GatewayUrl = _gateway.Endpoint;
            },
            TestContext.Current.CancellationToken);
        _calls = new BotCalls(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _calls.Dispose();
        await _channel.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_one_to_one_create_without_a_tenant_is_400_BadSyntax_and_nothing_is_created()
    {
        using var response = await _calls.CreateAsync("29:ada");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadSyntax", await BotCalls.ErrorCodeOf(response));
        Assert.Equal("Teams needs the tenant to create a conversation", await BotCalls.ErrorMessageOf(response));
        Assert.Empty(_channel.Transcript.CreatedConversations());
    }

    [Fact]
    public async Task A_create_naming_its_tenant_either_way_or_a_group_create_is_accepted()
    {
        using var withTenantId = await _calls.CreateAsync("29:ada", tenantId: "tenant-a");
        using var withChannelData = await _calls.PostAsync("v3/conversations", new JsonObject
        {
            ["members"] = new JsonArray(new JsonObject { ["id"] = "29:ada" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-a" } },
        });
        using var group = await _calls.PostAsync("v3/conversations", new JsonObject
        {
            ["isGroup"] = true,
            ["members"] = new JsonArray(new JsonObject { ["id"] = "29:ada" }),
        });

        Assert.Equal(
            (HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created),
            (withTenantId.StatusCode, withChannelData.StatusCode, group.StatusCode));
    }

    [Fact]
    public async Task A_users_one_to_one_message_names_the_default_tenant_as_Teams_does()
    {
        using var response = await _channel.UserSaysAsync("29:ada", "hi");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(_gateway.Received);
        Assert.Equal((EmulatorTenants.Default, EmulatorTenants.Default), ((string?)message["conversation"]!["tenantId"], (string?)message["channelData"]!["tenant"]!["id"]));
        Assert.NotNull((string?)message["channelData"]!["clientActivityID"]);
    }

    [Fact]
    public async Task Group_activities_carry_the_msteams_channel_id()
    {
        var chat = await ChatAsync(_calls, "29:ada");

        await AddBotAsync(_calls, Id(chat));

        Assert.Equal("msteams", (string?)Assert.Single(_gateway.Received)["channelId"]);
    }
}
