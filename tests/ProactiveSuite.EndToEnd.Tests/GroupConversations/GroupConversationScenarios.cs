using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using static ProactiveSuite.EndToEnd.Tests.GroupConversations.EmulatedTeams;

namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>
/// Group chats and Teams channels (issue 13), told over HTTP as Teams and an operator act: groups are made in the
/// channel emulator, the bot is added (Teams' <c>conversationUpdate</c> through the Gateway) and members write;
/// the Registry shows the conversations, the Dispatcher posts into them, broadcasts to a tenant's channels, reaches a
/// channel member one-to-one without being told the tenant, and stops at a conversation the bot was removed from.
/// Each stage runs every story; every story has its own tenant, so listings and broadcasts see only its groups.
/// </summary>
public abstract class GroupConversationScenarios(IGroupConversationStage stage)
{
    protected IGroupConversationStage Stage => stage;

    protected EmulatedTeams Teams { get; } = new(stage);

    [Fact]
    public async Task A_team_channel_the_bot_was_added_to_is_stored_listed_by_team_and_gets_a_new_post()
    {
        var tenant = NewTenant();
        var (owner, member) = (NewMember("owner"), NewMember("member"));
        var teamName = "Contoso " + NewTag();
        var team = await Teams.NewTeamAsync(tenant, teamName, owner, member);
        await Teams.AddsBotAsync(team);
        await Teams.WritesAsync(team, member, "Morning, all");

        var conversation = (await Teams.ConversationAsync(team)).Body!["address"]!["conversation"]!;
        Assert.Equal(
            (team.ConversationId, "channel", tenant, true, team.ConversationId, teamName, "General"),
            ((string?)conversation["id"], (string?)conversation["conversationType"], (string?)conversation["tenantId"], (bool?)conversation["isGroup"],
             (string?)conversation["teamId"], (string?)conversation["teamName"], (string?)conversation["name"]));
        Assert.Equal([team.ConversationId], await Teams.ListedAsync($"teamId={Escaped(team.ConversationId)}"));
        Assert.Equal([team.ConversationId], await Teams.ListedAsync($"tenantId={tenant}&teamsOnly=true"));
        Assert.Empty(await Teams.ListedAsync($"tenantId={tenant}&type=groupChat"));

        var text = "The build is green " + NewTag();
        var id = await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = team.ConversationId }, text);

        var row = await Teams.SettledAsync(id);
        Assert.Equal(("Delivered", null, team.ConversationId), ((string?)row["state"], (string?)row["userId"], (string?)row["conversationId"]));
        var post = Assert.Single(await Teams.PostsAsync(team.ConversationId, text));
        Assert.Equal(((string?)row["activityId"], "sendToConversation"), ((string?)post["id"], (string?)post["operation"]));
        Assert.Null(post["replyToId"]);
        await Teams.StatusAsync(id, s => (int?)s["delivered"] == 1, "delivered");
        var csv = Assert.Single((await Teams.CsvAsync(id)).Skip(1));
        Assert.StartsWith($"{AsTeams.ChannelId},,Delivered,1,", csv, StringComparison.Ordinal);
        Assert.Contains($",{team.ConversationId},{row["activityId"]},", csv, StringComparison.Ordinal);
        if (stage.Outside is { } outside)
        {
            var delivered = await Eventually.Within(ct => outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), "NotificationDelivered", stage.Logs);
            Assert.Equal(
                (team.ConversationId, false, null, team.ConversationId, (string?)row["activityId"]),
                (delivered.ConversationId, delivered.ConversationCreated, delivered.Recipient.UserId, delivered.Recipient.ConversationId, delivered.ActivityId));
        }
    }

    [Fact]
    public async Task A_group_chat_the_bot_was_added_to_is_stored_listed_by_type_and_posted_into()
    {
        var tenant = NewTenant();
        var (ada, grace, alan) = (NewMember("ada"), NewMember("grace"), NewMember("alan"));
        var topic = "Launch crew " + NewTag();
        var chat = await Teams.NewGroupChatAsync(tenant, topic, ada, grace, alan);
        await Teams.AddsBotAsync(chat);
        await Teams.WritesAsync(chat, grace, "Who has the slides?");

        var conversation = (await Teams.ConversationAsync(chat)).Body!["address"]!["conversation"]!;
        Assert.Equal(
            (chat.ConversationId, "groupChat", tenant, true, null, topic),
            ((string?)conversation["id"], (string?)conversation["conversationType"], (string?)conversation["tenantId"], (bool?)conversation["isGroup"],
             (string?)conversation["teamId"], (string?)conversation["name"]));
        Assert.Equal([chat.ConversationId], await Teams.ListedAsync($"tenantId={tenant}&type=groupChat"));
        Assert.Empty(await Teams.ListedAsync($"tenantId={tenant}&type=channel"));

        var text = "Slides are in the shared folder " + NewTag();
        var id = await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = chat.ConversationId }, text);

        var row = await Teams.SettledAsync(id);
        Assert.Equal(("Delivered", null, chat.ConversationId), ((string?)row["state"], (string?)row["userId"], (string?)row["conversationId"]));
        var post = Assert.Single(await Teams.PostsAsync(chat.ConversationId, text));
        Assert.Equal((string?)row["activityId"], (string?)post["id"]);
    }

    [Fact]
    public async Task A_broadcast_to_a_tenants_channels_posts_once_in_each_channel_and_to_its_teams_once_per_team()
    {
        var tenant = NewTenant();
        var (ada, grace, alan, linus) = (NewMember("ada"), NewMember("grace"), NewMember("alan"), NewMember("linus"));
        var finance = await Teams.NewTeamAsync(tenant, "Finance " + NewTag(), ada, grace);
        var planning = await Teams.NewChannelAsync(finance, "Planning");
        var sales = await Teams.NewTeamAsync(tenant, "Sales " + NewTag(), alan, linus);
        var chat = await Teams.NewGroupChatAsync(tenant, "Lunch", ada, alan);
        await Teams.AddsBotAsync(finance);
        await Teams.AddsBotAsync(sales);
        await Teams.AddsBotAsync(chat);
        // The bot came with the team: a member's post in the team's other channel is how the Registry learns of it.
        await Teams.WritesAsync(planning, grace, "Agenda for Monday?");
        // A user of the tenant with a one-to-one conversation (Grace, reached from the channel she wrote in).
        var welcome = await Teams.SettledAsync(await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, userId = grace }, "Welcome " + NewTag(), createConversationIfMissing: true));
        Assert.Equal("Delivered", (string?)welcome["state"]);
        var personal = (string)welcome["conversationId"]!;

        var toChannels = "Town hall at 4 pm " + NewTag();
        var channels = await Teams.BroadcastsAsync(tenant, BroadcastScopes.Channels, toChannels);

        var status = await Teams.FinishedAsync(channels);
        Assert.Equal((3, 3, 0), ((int?)status["total"], (int?)status["delivered"], (int?)status["failed"]));
        Assert.Equal(
            new[] { finance.ConversationId, planning.ConversationId, sales.ConversationId }.Order(StringComparer.Ordinal),
            (await Teams.RecipientsAsync(channels)).Select(r => (string)r["conversationId"]!).Order(StringComparer.Ordinal));
        foreach (var channel in new[] { finance, planning, sales })
        {
            Assert.Single(await Teams.PostsAsync(channel.ConversationId, toChannels));
        }

        Assert.Empty(await Teams.PostsAsync(chat.ConversationId, toChannels));
        Assert.Empty(await Teams.PostsAsync(personal, toChannels));
        if (stage.Outside is { } outside)
        {
            var completed = await Eventually.Within(ct => outside.Completed.WaitForAsync(c => c.NotificationId == channels, ct), "NotificationCompleted", stage.Logs);
            Assert.Equal((3, 3), (completed.Total, completed.Delivered));
        }

        var toTeams = "Offsite dates are out " + NewTag();
        var perTeam = await Teams.BroadcastsAsync(tenant, BroadcastScopes.Teams, toTeams);

        status = await Teams.FinishedAsync(perTeam);
        Assert.Equal((2, 2), ((int?)status["total"], (int?)status["delivered"]));
        Assert.Single(await Teams.PostsAsync(finance.ConversationId, toTeams));
        Assert.Single(await Teams.PostsAsync(sales.ConversationId, toTeams));
        Assert.Empty(await Teams.PostsAsync(planning.ConversationId, toTeams));
        Assert.Empty(await Teams.PostsAsync(chat.ConversationId, toTeams));
    }

    [Fact]
    public async Task A_channel_member_is_reached_one_to_one_without_a_tenant_in_the_command()
    {
        var tenant = NewTenant();
        var (owner, member) = (NewMember("owner"), NewMember("member"));
        var team = await Teams.NewTeamAsync(tenant, "Research " + NewTag(), owner, member);
        var bot = (string)(await Teams.AddsBotAsync(team))["address"]!["bot"]!["id"]!;
        await Teams.WritesAsync(team, member, "I only ever write here");

        var text = "Your review is due " + NewTag();
        var id = await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, userId = member }, text, createConversationIfMissing: true);

        var row = await Teams.SettledAsync(id);
        Assert.True((string?)row["state"] == "Delivered", $"not delivered: {row}");
        var conversationId = (string)row["conversationId"]!;
        Assert.NotEqual(team.ConversationId, conversationId);
        var created = Assert.Single(await Teams.CreatedAsync(), c => (string?)c["conversationId"] == conversationId);
        Assert.Equal([member], created["members"]!.AsArray().Select(m => (string)m!["id"]!));
        Assert.Equal(
            (bot, false, tenant, tenant),
            ((string?)created["bot"]?["id"], (bool?)created["isGroup"], (string?)created["tenantId"], (string?)created["channelData"]?["tenant"]?["id"]));
        var post = Assert.Single(await Teams.PostsAsync(conversationId, text));
        Assert.Equal((string?)row["activityId"], (string?)post["id"]);

        var reference = await Eventually.Until(
            async () =>
            {
                using var response = await stage.Http.GetAsync($"/references/{AsTeams.ChannelId}/{Escaped(member)}", TestContext.Current.CancellationToken);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
            },
            "the member's new one-to-one reference",
            stage.Logs);
        var personal = reference["address"]!["conversation"]!;
        Assert.Equal((conversationId, tenant, false), ((string?)personal["id"], (string?)personal["tenantId"], (bool?)personal["isGroup"]));
        if (stage.Outside is { } outside)
        {
            var delivered = await Eventually.Within(ct => outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), "NotificationDelivered", stage.Logs);
            Assert.Equal((conversationId, true, member), (delivered.ConversationId, delivered.ConversationCreated, delivered.Recipient.UserId));
        }
    }

    [Fact]
    public async Task Removing_the_bot_from_a_channel_revokes_it_until_the_bot_is_added_again()
    {
        var tenant = NewTenant();
        var (owner, member) = (NewMember("owner"), NewMember("member"));
        var team = await Teams.NewTeamAsync(tenant, "Legal " + NewTag(), owner, member);
        await Teams.AddsBotAsync(team);
        await Teams.WritesAsync(team, member, "Contracts are due Friday");

        var revoked = await Teams.RemovesBotAsync(team);

        Assert.Equal("BotRemoved", (string?)revoked["revokedReasonCode"]);
        Assert.Empty(await Teams.ListedAsync($"teamId={Escaped(team.ConversationId)}"));
        var text = "Nobody should see this " + NewTag();
        var id = await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = team.ConversationId }, text);
        var row = await Teams.SettledAsync(id);
        Assert.Equal(("Failed", NotificationFailureReasons.ReferenceRevoked), ((string?)row["state"], (string?)row["failureReasonCode"]));
        Assert.Contains(team.ConversationId, (string?)row["lastError"], StringComparison.Ordinal);
        Assert.Contains("BotRemoved", (string?)row["lastError"], StringComparison.Ordinal);
        Assert.Empty(await Teams.PostsAsync(team.ConversationId, text));
        if (stage.Outside is { } outside)
        {
            var failed = await Eventually.Within(ct => outside.Failed.WaitForAsync(f => f.NotificationId == id, ct), "NotificationFailed", stage.Logs);
            Assert.Equal(NotificationFailureReasons.ReferenceRevoked, failed.ReasonCode);
        }

        await Teams.AddsBotAsync(team);

        var again = "Welcome back " + NewTag();
        var back = await Teams.SettledAsync(await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = team.ConversationId }, again));
        Assert.Equal("Delivered", (string?)back["state"]);
        Assert.Single(await Teams.PostsAsync(team.ConversationId, again));
    }

    [Fact]
    public async Task A_connector_saying_the_bot_is_not_in_a_group_chat_revokes_it()
    {
        var tenant = NewTenant();
        var (ada, grace) = (NewMember("ada"), NewMember("grace"));
        var chat = await Teams.NewGroupChatAsync(tenant, null, ada, grace);
        await Teams.AddsBotAsync(chat);
        await Teams.FaultAsync(new { conversationId = chat.ConversationId, operation = "send", status = 403, code = "BotNotInConversationRoster", message = "The bot is not part of the conversation roster.", times = 1 });

        var first = await Teams.SettledAsync(await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = chat.ConversationId }, "First " + NewTag()));

        Assert.Equal(("Failed", NotificationFailureReasons.BotRemoved, 403), ((string?)first["state"], (string?)first["failureReasonCode"], (int?)first["lastStatusCode"]));
        var revoked = await Teams.RevokedAsync(chat);
        Assert.Equal("BotRemoved", (string?)revoked["revokedReasonCode"]);
        Assert.Empty(await Teams.ListedAsync($"tenantId={tenant}&type=groupChat"));
        var text = "Second " + NewTag();
        var second = await Teams.SettledAsync(await Teams.NotifiesAsync(new { channelId = AsTeams.ChannelId, conversationId = chat.ConversationId }, text));
        Assert.Equal(("Failed", NotificationFailureReasons.ReferenceRevoked), ((string?)second["state"], (string?)second["failureReasonCode"]));
        Assert.Empty(await Teams.PostsAsync(chat.ConversationId, text));
    }
}
