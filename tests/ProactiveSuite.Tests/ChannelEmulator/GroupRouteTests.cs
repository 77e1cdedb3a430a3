using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using static ProactiveSuite.Tests.ChannelEmulator.GroupCalls;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// The group control routes over real HTTP (<c>/emulator/groups...</c>): group chats and team channels, the bot added
/// and removed with the conversationUpdate Teams sends, members posting; every bad call gets its 4xx and reason.
/// </summary>
public sealed class GroupRouteTests : EmulatorWithRecordingBot
{
    [Fact]
    public async Task A_group_chat_gets_a_thread_v2_id_the_default_tenant_and_no_bot_and_is_listed()
    {
        var chat = await ChatAsync(Calls, "ada", "grace");

        Assert.Matches("^19:[0-9a-f]{32}@thread\\.v2$", Id(chat));
        Assert.Equal(("groupChat", "Release crew", EmulatorTenants.Default, false), ((string?)chat["kind"], (string?)chat["name"], (string?)chat["tenantId"], (bool)chat["botPresent"]!));
        Assert.Equal(["ada", "grace"], chat["members"]!.AsArray().Select(m => (string)m!["id"]!));
        Assert.All(chat["members"]!.AsArray(), m => Assert.True(Guid.TryParse((string?)m!["aadObjectId"], out _)));
        Assert.Null(chat["teamId"]);

        var one = await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(chat))));
        var all = (await BotCalls.JsonOf(await Calls.GetAsync("emulator/groups"))).AsArray();
        Assert.Equal(Id(chat), (string?)one["conversationId"]);
        Assert.Equal(Id(chat), (string?)Assert.Single(all)!["conversationId"]);
    }

    [Fact]
    public async Task A_channel_without_a_team_makes_a_team_whose_General_channel_has_the_teams_id()
    {
        var team = await CreateAsync(Calls, new JsonObject { ["kind"] = "channel", ["tenantId"] = "tenant-a", ["members"] = Members("ada") });

        Assert.Matches("^19:[0-9a-f]{32}@thread\\.tacv2$", Id(team));
        Assert.Equal(Id(team), (string?)team["teamId"]);
        Assert.Equal(("channel", "General", "Team 1", "tenant-a"), ((string?)team["kind"], (string?)team["name"], (string?)team["teamName"], (string?)team["tenantId"]));
    }

    [Fact]
    public async Task A_channel_of_an_existing_team_has_its_own_id_and_the_teams_members_and_tenant()
    {
        var team = await CreateAsync(Calls, new JsonObject { ["kind"] = "channel", ["teamName"] = "Finance", ["tenantId"] = "tenant-f", ["members"] = Members("ada", "grace") });

        var budget = await CreateAsync(Calls, new JsonObject { ["kind"] = "channel", ["teamId"] = Id(team), ["name"] = "Budget" });

        Assert.NotEqual(Id(team), Id(budget));
        Assert.Matches("@thread\\.tacv2$", Id(budget));
        Assert.Equal((Id(team), "Finance", "Budget", "tenant-f"), ((string?)budget["teamId"], (string?)budget["teamName"], (string?)budget["name"], (string?)budget["tenantId"]));
        Assert.Equal(["ada", "grace"], budget["members"]!.AsArray().Select(m => (string)m!["id"]!));
    }

    public static TheoryData<string, string> BadCreates() => new()
    {
        { "[1]", "must be a JSON object" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"a\"}],\"topic\":\"x\"}", "unknown property 'topic'" },
        { "{\"members\":[{\"id\":\"a\"}]}", "kind must be" },
        { "{\"kind\":\"meeting\",\"members\":[{\"id\":\"a\"}]}", "kind must be" },
        { "{\"kind\":\"groupChat\"}", "members must list at least one user" },
        { "{\"kind\":\"groupChat\",\"members\":[]}", "members must list at least one user" },
        { "{\"kind\":\"groupChat\",\"members\":\"ada\"}", "members must be a list" },
        { "{\"kind\":\"groupChat\",\"members\":[\"ada\"]}", "members[0] must be an object" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"name\":\"Ada\"}]}", "members[0].id must be a non-empty string" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"\"}]}", "members[0].id must be a non-empty string" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"a\\u0007\"}]}", "members[0].id must not contain control characters" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"a\"},{\"id\":\"a\"}]}", "members[1].id 'a' is listed twice" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"a\",\"email\":\"x\"}]}", "members[0]: unknown property 'email'" },
        { "{\"kind\":\"groupChat\",\"members\":[{\"id\":\"a\",\"name\":5}]}", "members[0]: name must be a string" },
        { "{\"kind\":\"groupChat\",\"teamName\":\"T\",\"members\":[{\"id\":\"a\"}]}", "teamName is for a channel" },
        { "{\"kind\":\"groupChat\",\"teamId\":\"19:x@thread.tacv2\",\"name\":\"n\"}", "teamId is for a channel" },
        { "{\"kind\":\"channel\",\"teamId\":\"19:x@thread.tacv2\"}", "name is required" },
        { "{\"kind\":\"channel\",\"teamId\":\"19:x@thread.tacv2\",\"name\":\"n\",\"members\":[{\"id\":\"a\"}]}", "takes the team's members" },
        { "{\"kind\":\"groupChat\",\"tenantId\":\"\",\"members\":[{\"id\":\"a\"}]}", "tenantId must not be empty" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task A_bad_create_is_400_BadArgument_with_the_reason(string body, string reason)
    {
        using var response = await Calls.PostRawAsync("emulator/groups", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", await BotCalls.ErrorCodeOf(response));
        Assert.Contains(reason, await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
        Assert.Empty((await BotCalls.JsonOf(await Calls.GetAsync("emulator/groups"))).AsArray());
    }

    [Fact]
    public async Task More_than_100_members_is_400()
    {
        var members = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["id"] = $"u{i}" })]);

        using var response = await Calls.PostAsync("emulator/groups", new JsonObject { ["kind"] = "groupChat", ["members"] = members });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100", await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415()
    {
        using var content = new StringContent("kind=groupChat", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Calls.Http.PostAsync("emulator/groups", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_channel_of_an_unknown_team_is_404()
    {
        var chat = await ChatAsync(Calls, "ada");

        using var unknown = await Calls.PostAsync("emulator/groups", new JsonObject { ["kind"] = "channel", ["teamId"] = "19:nope@thread.tacv2", ["name"] = "n" });
        using var notATeam = await Calls.PostAsync("emulator/groups", new JsonObject { ["kind"] = "channel", ["teamId"] = Id(chat), ["name"] = "n" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, notATeam.StatusCode));
        Assert.Contains("No team", await BotCalls.ErrorMessageOf(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_route_of_an_unknown_group_is_404()
    {
        const string unknown = "19:0000@thread.v2";

        using var get = await Calls.GetAsync(Url(unknown));
        using var add = await Calls.PostAsync(Url(unknown, "bot"), new JsonObject());
        using var remove = await Calls.DeleteAsync(Url(unknown, "bot"));
        using var post = await PostAsync(Calls, unknown, "ada", "hi");

        Assert.All([get, add, remove, post], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("No group '19:0000@thread.v2'", await BotCalls.ErrorMessageOf(post), StringComparison.Ordinal);
        Assert.Empty(Gateway.Received);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_group_chat_posts_Teams_conversationUpdate_and_answers_202()
    {
        var chat = await ChatAsync(Calls, "ada", "grace");

        using var response = await Calls.PostAsync(Url(Id(chat), "bot"), new JsonObject());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await BotCalls.JsonOf(response);
        Assert.Equal((Id(chat), 200), ((string?)answer["conversationId"], (int?)answer["gatewayStatus"]));
        var update = Assert.Single(Gateway.Received);
        Assert.Equal("conversationUpdate", (string?)update["type"]);
        Assert.Equal("bot-proactive", (string?)Assert.Single(update["membersAdded"]!.AsArray())!["id"]);
        Assert.Equal(("ada", "bot-proactive"), ((string?)update["from"]!["id"], (string?)update["recipient"]!["id"]));
        Assert.Equal(
            (Id(chat), "groupChat", true, EmulatorTenants.Default, "Release crew"),
            ((string?)update["conversation"]!["id"], (string?)update["conversation"]!["conversationType"], (bool?)update["conversation"]!["isGroup"],
                (string?)update["conversation"]!["tenantId"], (string?)update["conversation"]!["name"]));
        Assert.Equal(EmulatorTenants.Default, (string?)update["channelData"]!["tenant"]!["id"]);
        Assert.Null(update["channelData"]!["eventType"]);
        Assert.Equal(Channel.BaseUrl.AbsoluteUri.TrimEnd('/'), (string?)update["serviceUrl"]);
        Assert.True((bool)(await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(chat)))))["botPresent"]!);

        using var again = await Calls.PostAsync(Url(Id(chat), "bot"), new JsonObject());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("BotAlreadyPresent", await BotCalls.ErrorCodeOf(again));
        Assert.Single(Gateway.Received);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_channel_is_Teams_teamMemberAdded_with_the_team_and_channel()
    {
        var team = await TeamAsync(Calls, "ada", "grace");

        await AddBotAsync(Calls, Id(team));

        var update = Assert.Single(Gateway.Received);
        var channelData = update["channelData"]!;
        Assert.Equal((Id(team), "channel", true), ((string?)update["conversation"]!["id"], (string?)update["conversation"]!["conversationType"], (bool?)update["conversation"]!["isGroup"]));
        Assert.Equal(
            ("teamMemberAdded", Id(team), "Finance", Id(team), "General", EmulatorTenants.Default),
            ((string?)channelData["eventType"], (string?)channelData["team"]!["id"], (string?)channelData["team"]!["name"],
                (string?)channelData["channel"]!["id"], (string?)channelData["channel"]!["name"], (string?)channelData["tenant"]!["id"]));
    }

    [Fact]
    public async Task The_bot_joins_a_whole_team_announced_in_its_General_channel_even_when_added_from_another_channel()
    {
        var team = await TeamAsync(Calls, "ada");
        var budget = await CreateAsync(Calls, new JsonObject { ["kind"] = "channel", ["teamId"] = Id(team), ["name"] = "Budget" });

        using var response = await Calls.PostAsync(Url(Id(budget), "bot"), new JsonObject());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Id(team), (string?)(await BotCalls.JsonOf(response))["conversationId"]);
        Assert.Equal(Id(team), (string?)Assert.Single(Gateway.Received)["conversation"]!["id"]);
        Assert.All((await BotCalls.JsonOf(await Calls.GetAsync("emulator/groups"))).AsArray(), g => Assert.True((bool)g!["botPresent"]!));
        using var again = await Calls.PostAsync(Url(Id(team), "bot"), new JsonObject());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Removing_the_bot_posts_membersRemoved_and_a_second_removal_is_409_BotNotPresent()
    {
        var team = await TeamAsync(Calls, "ada");
        using var absent = await Calls.DeleteAsync(Url(Id(team), "bot"));
        await AddBotAsync(Calls, Id(team));

        using var removed = await Calls.DeleteAsync(Url(Id(team), "bot"));
        using var again = await Calls.DeleteAsync(Url(Id(team), "bot"));

        Assert.Equal(HttpStatusCode.Conflict, absent.StatusCode);
        Assert.Equal("BotNotPresent", await BotCalls.ErrorCodeOf(absent));
        Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var update = Gateway.Received[^1];
        Assert.Equal("bot-proactive", (string?)Assert.Single(update["membersRemoved"]!.AsArray())!["id"]);
        Assert.Equal("teamMemberRemoved", (string?)update["channelData"]!["eventType"]);
        Assert.Null(update["membersAdded"]);
        Assert.False((bool)(await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(team)))))["botPresent"]!);
    }

    [Fact]
    public async Task When_the_gateway_refuses_the_add_the_answer_is_502_with_its_status_and_the_bot_is_in_as_in_Teams()
    {
        var chat = await ChatAsync(Calls, "ada");
        Gateway.Status = 500;

        using var response = await Calls.PostAsync(Url(Id(chat), "bot"), new JsonObject());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(500, (int?)(await BotCalls.JsonOf(response))["gatewayStatus"]);
        Assert.True((bool)(await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(chat)))))["botPresent"]!);
    }

    [Fact]
    public async Task Without_a_gateway_adding_the_bot_is_409_NoGateway_and_the_bot_stays_out()
    {
        var chat = await ChatAsync(Calls, "ada");
        Channel.Options.GatewayUrl = null;

        using var response = await Calls.PostAsync(Url(Id(chat), "bot"), new JsonObject());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("NoGateway", await BotCalls.ErrorCodeOf(response));
        Assert.False((bool)(await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(chat)))))["botPresent"]!);
    }

    [Fact]
    public async Task A_member_posts_in_a_group_chat_as_Teams_sends_it()
    {
        var chat = await ChatAsync(Calls, "ada", "grace");
        await AddBotAsync(Calls, Id(chat));

        using var response = await PostAsync(Calls, Id(chat), "grace", "ship it");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await BotCalls.JsonOf(response);
        var message = Gateway.Received[^1];
        Assert.Equal((Id(chat), 200, (string?)message["id"]), ((string?)answer["conversationId"], (int?)answer["gatewayStatus"], (string?)answer["activityId"]));
        Assert.Equal(("message", "ship it", "grace", "User grace"), ((string?)message["type"], (string?)message["text"], (string?)message["from"]!["id"], (string?)message["from"]!["name"]));
        Assert.NotNull((string?)message["from"]!["aadObjectId"]);
        Assert.Equal((Id(chat), "groupChat", true), ((string?)message["conversation"]!["id"], (string?)message["conversation"]!["conversationType"], (bool?)message["conversation"]!["isGroup"]));
        Assert.Equal(EmulatorTenants.Default, (string?)message["channelData"]!["tenant"]!["id"]);
        Assert.True(long.TryParse((string?)message["id"], out _));
        Assert.Contains(Channel.Transcript.InConversation(Id(chat)), a => a.Text == "ship it" && a.Direction == ActivityDirection.FromUser);
    }

    [Fact]
    public async Task A_channel_post_starts_a_thread_named_by_messageid_and_a_reply_names_its_root_and_both_are_recorded_under_the_channel()
    {
        var team = await TeamAsync(Calls, "ada", "grace");
        await AddBotAsync(Calls, Id(team));

        using var post = await PostAsync(Calls, Id(team), "ada", "new topic");
        var root = (string)(await BotCalls.JsonOf(post))["activityId"]!;
        using var reply = await PostAsync(Calls, Id(team), "grace", "an answer", replyToId: root);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (post.StatusCode, reply.StatusCode));
        var (first, second) = (Gateway.Received[^2], Gateway.Received[^1]);
        Assert.Equal($"{Id(team)};messageid={root}", (string?)first["conversation"]!["id"]);
        Assert.Null(first["replyToId"]);
        Assert.Equal($"{Id(team)};messageid={root}", (string?)second["conversation"]!["id"]);
        Assert.Equal(root, (string?)second["replyToId"]);
        Assert.Equal((Id(team), "General", Id(team), "Finance"), ((string?)second["channelData"]!["channel"]!["id"], (string?)second["channelData"]!["channel"]!["name"], (string?)second["channelData"]!["team"]!["id"], (string?)second["channelData"]!["team"]!["name"]));
        Assert.Equal(["new topic", "an answer"], Channel.Transcript.InConversation(Id(team)).Where(a => a.Type == "message").Select(a => a.Text));
        Assert.Empty(Channel.Transcript.InConversation($"{Id(team)};messageid={root}"));
    }

    [Fact]
    public async Task A_post_by_someone_not_in_the_group_is_400_and_without_the_bot_409_BotNotInConversation()
    {
        var chat = await ChatAsync(Calls, "ada");

        using var botAbsent = await PostAsync(Calls, Id(chat), "ada", "anyone?");
        await AddBotAsync(Calls, Id(chat));
        using var stranger = await PostAsync(Calls, Id(chat), "mallory", "hi");

        Assert.Equal(HttpStatusCode.Conflict, botAbsent.StatusCode);
        Assert.Equal("BotNotInConversation", await BotCalls.ErrorCodeOf(botAbsent));
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("'mallory' is not a member", await BotCalls.ErrorMessageOf(stranger), StringComparison.Ordinal);
        Assert.DoesNotContain(Gateway.Received, a => (string?)a["type"] == "message");
    }

    public static TheoryData<string, string> BadPosts() => new()
    {
        { "[]", "must be a JSON object" },
        { "{\"from\":\"ada\"}", "text must be a non-empty string" },
        { "{\"from\":\"ada\",\"text\":\" \"}", "text must be a non-empty string" },
        { "{\"text\":\"hi\"}", "from must name a member" },
        { "{\"from\":\"ada\",\"text\":\"hi\",\"replyToId\":\"1;messageid=2\"}", "replyToId must be a message id" },
        { "{\"from\":\"ada\",\"text\":\"hi\",\"replyToId\":7}", "replyToId must be a string" },
        { "{\"from\":\"ada\",\"text\":\"hi\",\"to\":\"grace\"}", "unknown property 'to'" },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task A_bad_post_is_400_with_the_reason(string body, string reason)
    {
        var chat = await ChatAsync(Calls, "ada");
        await AddBotAsync(Calls, Id(chat));

        using var response = await Calls.PostRawAsync(Url(Id(chat), "messages"), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await BotCalls.ErrorMessageOf(response), StringComparison.Ordinal);
        Assert.Single(Gateway.Received);
    }

    [Fact]
    public async Task Clearing_the_transcript_keeps_the_groups_and_the_bot_in_them()
    {
        var chat = await ChatAsync(Calls, "ada");
        await AddBotAsync(Calls, Id(chat));

        using var cleared = await Calls.DeleteAsync("emulator/conversations");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(Channel.Transcript.All());
        Assert.True((bool)(await BotCalls.JsonOf(await Calls.GetAsync(Url(Id(chat)))))["botPresent"]!);
    }

    [Fact]
    public async Task Created_lists_the_conversations_the_bot_created_with_their_parameters()
    {
        Assert.Empty((await BotCalls.JsonOf(await Calls.GetAsync("emulator/created"))).AsArray());
        var id = await Calls.CreatedConversationAsync("user-ada", tenantId: "tenant-a");

        var created = Assert.Single((await BotCalls.JsonOf(await Calls.GetAsync("emulator/created"))).AsArray())!;

        Assert.Equal((id, false, "tenant-a", "user-ada", "bot-proactive"), ((string?)created["conversationId"], (bool?)created["isGroup"], (string?)created["tenantId"], (string?)created["members"]![0]!["id"], (string?)created["bot"]!["id"]));
        Assert.True(DateTimeOffset.TryParse((string?)created["createdAt"], System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(created.AsObject().ContainsKey("activityId"));
        Assert.True(created.AsObject().ContainsKey("channelData"));
    }
}
