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
public sealed class GroupConnectorTests : EmulatorWithRecordingBot
{
    [Fact]
    public async Task The_bots_posts_into_a_channel_thread_are_recorded_under_the_channel_beside_the_users_posts()
    {
        var team = await TeamAsync(Calls, "ada");
        await AddBotAsync(Calls, Id(team));
        using var post = await PostAsync(Calls, Id(team), "ada", "deploy?");
        var root = (string)(await BotCalls.JsonOf(post))["activityId"]!;

        using var inThread = await Calls.SendAsync($"{Id(team)};messageid={root}", "deployed");
        using var newPost = await Calls.SendAsync(Id(team), "release notes");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (inThread.StatusCode, newPost.StatusCode));
        var messages = Channel.Transcript.InConversation(Id(team)).Where(a => a.Type == "message").ToList();
        Assert.Equal(["deploy?", "deployed", "release notes"], messages.Select(a => a.Text));
        Assert.Equal((root, null), ((string?)messages[1].Activity["replyToId"], (string?)messages[2].Activity["replyToId"]));
        Assert.Equal(ActivityDirection.ToUser, messages[1].Direction);
        Assert.Empty(Channel.Transcript.InConversation($"{Id(team)};messageid={root}"));
        var listed = (await BotCalls.JsonOf(await Calls.GetAsync($"emulator/conversations/{Uri.EscapeDataString(Id(team))}/activities"))).AsArray();
        Assert.Equal(["deploy?", "deployed", "release notes"], listed.Where(a => (string?)a!["type"] == "message").Select(a => (string?)a!["text"]));
    }

    [Fact]
    public async Task The_bot_updates_and_deletes_its_post_through_the_threads_id()
    {
        var team = await TeamAsync(Calls, "ada");
        await AddBotAsync(Calls, Id(team));
        var thread = $"{Id(team)};messageid=1700000000000";
        var sent = (string)(await BotCalls.JsonOf(await Calls.SendAsync(thread, "draft")))["id"]!;

        using var updated = await Calls.PutAsync($"v3/conversations/{Uri.EscapeDataString(thread)}/activities/{sent}", new JsonObject { ["type"] = "message", ["text"] = "final" });
        using var deleted = await Calls.DeleteAsync($"v3/conversations/{Uri.EscapeDataString(thread)}/activities/{sent}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (updated.StatusCode, deleted.StatusCode));
        Assert.Equal(
            [ConnectorOperation.SendToConversation, ConnectorOperation.UpdateActivity, ConnectorOperation.DeleteActivity],
            Channel.Transcript.InConversation(Id(team)).Where(a => a.Direction == ActivityDirection.ToUser).Select(a => a.Operation));
    }

    [Fact]
    public async Task Every_write_into_a_group_the_bot_left_is_403_BotNotInConversationRoster_and_not_recorded()
    {
        var chat = await ChatAsync(Calls, "ada");
        await AddBotAsync(Calls, Id(chat));
        var sent = (string)(await BotCalls.JsonOf(await Calls.SendAsync(Id(chat), "before")))["id"]!;
        using (var removed = await Calls.DeleteAsync(Url(Id(chat), "bot")))
        {
            Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        }
        var recordedBefore = Channel.Transcript.InConversation(Id(chat)).Count;
        var url = $"v3/conversations/{Uri.EscapeDataString(Id(chat))}/activities";

        using var send = await Calls.SendAsync(Id(chat), "after");
        using var reply = await Calls.ReplyAsync(Id(chat), sent, "after");
        using var update = await Calls.PutAsync($"{url}/{sent}", new JsonObject { ["type"] = "message", ["text"] = "after" });
        using var delete = await Calls.DeleteAsync($"{url}/{sent}");

        foreach (var response in new[] { send, reply, update, delete })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(ConnectorErrorCodes.BotNotInConversationRoster, await BotCalls.ErrorCodeOf(response));
        }
        Assert.Equal(recordedBefore, Channel.Transcript.InConversation(Id(chat)).Count);
    }

    [Fact]
    public async Task A_group_made_without_the_bot_refuses_its_sends_and_unknown_conversations_are_still_accepted()
    {
        var team = await TeamAsync(Calls, "ada");

        using var intoGroup = await Calls.SendAsync($"{Id(team)};messageid=1", "hello");
        using var unknown = await Calls.SendAsync("19:not-made-here@thread.tacv2", "hello");

        Assert.Equal(HttpStatusCode.Forbidden, intoGroup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
    }

    [Fact]
    public async Task Members_lists_the_roster_while_the_bot_is_in_403_once_out_and_404_for_an_unknown_conversation()
    {
        var chat = await ChatAsync(Calls, "ada", "grace");
        var url = $"v3/conversations/{Uri.EscapeDataString(Id(chat))}/members";
        using var before = await Calls.GetAsync(url);
        await AddBotAsync(Calls, Id(chat));

        using var members = await Calls.GetAsync(url);
        using var unknown = await Calls.GetAsync("v3/conversations/emu-ada/members");

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
        using var response = await Calls.CreateAsync("user-ada");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>The emulator looking like Teams (channel <c>msteams</c>): Teams' tenant rules.</summary>
public sealed class GroupConnectorTeamsModeTests : EmulatorWithRecordingBot
{
    protected override void Configure(ChannelEmulatorOptions options) => options.ChannelId = "msteams";

    [Fact]
    public async Task A_one_to_one_create_without_a_tenant_is_400_BadSyntax_and_nothing_is_created()
    {
        using var response = await Calls.CreateAsync("29:ada");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadSyntax", await BotCalls.ErrorCodeOf(response));
        Assert.Equal("Teams needs the tenant to create a conversation", await BotCalls.ErrorMessageOf(response));
        Assert.Empty(Channel.Transcript.CreatedConversations());
    }

    [Fact]
    public async Task A_create_naming_its_tenant_either_way_or_a_group_create_is_accepted()
    {
        using var withTenantId = await Calls.CreateAsync("29:ada", tenantId: "tenant-a");
        using var withChannelData = await Calls.PostAsync("v3/conversations", new JsonObject
        {
            ["members"] = new JsonArray(new JsonObject { ["id"] = "29:ada" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-a" } },
        });
        using var group = await Calls.PostAsync("v3/conversations", new JsonObject
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
        using var response = await Channel.UserSaysAsync("29:ada", "hi");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(Gateway.Received);
        Assert.Equal((EmulatorTenants.Default, EmulatorTenants.Default), ((string?)message["conversation"]!["tenantId"], (string?)message["channelData"]!["tenant"]!["id"]));
        Assert.NotNull((string?)message["channelData"]!["clientActivityID"]);
    }

    [Fact]
    public async Task Group_activities_carry_the_msteams_channel_id()
    {
        var chat = await ChatAsync(Calls, "29:ada");

        await AddBotAsync(Calls, Id(chat));

        Assert.Equal("msteams", (string?)Assert.Single(Gateway.Received)["channelId"]);
    }
}
