using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using static ProactiveSuite.EndToEnd.Tests.GroupConversations.EmulatedTeams;

namespace ProactiveSuite.EndToEnd.Tests.GroupConversations;

/// <summary>
/// The group conversation stories on Gateway, Registry and Dispatcher as separate processes over RabbitMQ; and what
/// an enterprise service does on the bus: the Registry's group look-ups (request/response) and a SendNotification
/// to a channel published there.
/// </summary>
public sealed class GroupConversationsOnRabbitMqTests(TeamsOnRabbitMq system)
    : GroupConversationScenarios(system), IClassFixture<TeamsOnRabbitMq>
{
    [Fact]
    public async Task A_team_is_found_and_listed_over_the_bus_its_members_are_known_and_a_command_published_there_posts_into_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var (owner, member) = (NewMember("owner"), NewMember("member"));
        var teamName = "Finance " + NewTag();
        var team = await Teams.NewTeamAsync(tenant, teamName, owner, member);
        await Teams.AddsBotAsync(team);

        var found = await system.Outside.Bus.CreateRequestClient<FindGroupConversation>()
            .GetResponse<GroupConversationFound, GroupConversationNotFound>(new FindGroupConversation(AsTeams.ChannelId, team.ConversationId), ct);
        Assert.True(found.Is(out Response<GroupConversationFound>? hit), $"not found: {found.Message}");
        Assert.Equal((team.ConversationId, teamName, tenant), (hit.Message.Address.Conversation.TeamId, hit.Message.Address.Conversation.TeamName, hit.Message.Address.Conversation.TenantId));
        var teams = await system.Outside.Bus.CreateRequestClient<ListGroupConversations>()
            .GetResponse<GroupConversationPage>(new ListGroupConversations(AsTeams.ChannelId, tenant, null, null, null, 10, TeamsOnly: true), ct);
        Assert.Equal([team.ConversationId], teams.Message.Conversations.Select(c => c.Conversation.Id));
        var chats = await system.Outside.Bus.CreateRequestClient<ListGroupConversations>()
            .GetResponse<GroupConversationPage>(new ListGroupConversations(AsTeams.ChannelId, tenant, null, GroupConversationTypes.GroupChat, null, 10), ct);
        Assert.Empty(chats.Message.Conversations);
        // The owner added the bot: seen in the team, with no one-to-one conversation, known with the tenant.
        var seen = await system.Outside.Bus.CreateRequestClient<FindConversationReference>()
            .GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(new FindConversationReference(AsTeams.ChannelId, owner), ct);
        Assert.True(seen.Is(out Response<ConversationReferenceNotFound>? notFound), $"a personal reference for {owner}: {seen.Message}");
        Assert.Equal((owner, tenant), (notFound.Message.Member?.UserId, notFound.Message.Member?.TenantId));

        var id = "n-" + Guid.NewGuid().ToString("N");
        var text = "Quarter closed " + NewTag();
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = id, Recipient = new Recipient(AsTeams.ChannelId, null, null, team.ConversationId), Text = text }, ct);

        var delivered = await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, c), "NotificationDelivered", system.Logs);
        Assert.Equal((team.ConversationId, false), (delivered.ConversationId, delivered.ConversationCreated));
        Assert.Equal(delivered.ActivityId, (string?)Assert.Single(await Teams.PostsAsync(team.ConversationId, text))["id"]);

        await Teams.RemovesBotAsync(team);

        var gone = await system.Outside.Bus.CreateRequestClient<FindGroupConversation>()
            .GetResponse<GroupConversationFound, GroupConversationNotFound>(new FindGroupConversation(AsTeams.ChannelId, team.ConversationId), ct);
        Assert.True(gone.Is(out Response<GroupConversationNotFound>? revoked), $"still found: {gone.Message}");
        Assert.Equal(RevocationReasons.BotRemoved, revoked.Message.RevokedReasonCode);
    }
}
