using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Tests.InProcess.Registry;

/// <summary>Teams-shaped group activities posted to the Gateway over HTTP, and what the Registry then answers.</summary>
public sealed class GroupConversationCaptureTests
{
    private const string Team = "19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2";
    private const string Owner = "29:9z8y7x-teams-owner-id";
    private const string Bot = "28:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

    [Fact]
    public async Task The_bot_added_to_a_team_makes_the_teams_channel_a_target_and_its_owner_a_known_member()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Gateway | ServiceSet.Registry);

        await PostAsync(system, Activity(system, "teams-bot-added-to-team.json"));
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message.Address.Conversation.Id == Team));

        var found = await FindGroupAsync(system, Team);
        Assert.True(found.Is(out Response<GroupConversationFound>? team));
        Assert.Equal((Team, "Finance", "72f988bf-0000-4000-8000-2d7cd011db47", Bot), (team.Message.Address.Conversation.TeamId, team.Message.Address.Conversation.TeamName, team.Message.Address.Conversation.TenantId, team.Message.Address.Bot.Id));

        var teams = await system.Harness.GetRequestClient<ListGroupConversations>().GetResponse<GroupConversationPage>(
            new ListGroupConversations("msteams", null, null, null, null, 10, TeamsOnly: true), TestContext.Current.CancellationToken);
        Assert.Equal(Team, Assert.Single(teams.Message.Conversations).Conversation.Id);

        var owner = await system.Harness.GetRequestClient<FindConversationReference>().GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference("msteams", Owner), TestContext.Current.CancellationToken);
        Assert.True(owner.Is(out Response<ConversationReferenceNotFound>? notFound));
        Assert.Equal(("72f988bf-0000-4000-8000-2d7cd011db47", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"), (notFound.Message.Member?.TenantId, notFound.Message.Member?.AadObjectId));
    }

    [Fact]
    public async Task A_reply_in_a_channel_thread_is_stored_as_the_channel_and_does_not_replace_the_senders_personal_reference()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Gateway | ServiceSet.Registry);
        var personal = Activity(system, "teams-personal-message.json");
        await PostAsync(system, personal);
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => !c.Context.Message.Address.Conversation.IsGroup));

        var reply = Activity(system, "teams-personal-message.json");
        reply["id"] = "1732440099999";
        reply["timestamp"] = "2026-11-24T09:30:00.000Z";
        reply["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["id"] = "19:budget@thread.tacv2;messageid=1732440000000", ["tenantId"] = "72f988bf-0000-4000-8000-2d7cd011db47" };
        reply["channelData"] = JsonNode.Parse($$$"""{"team":{"id":"{{{Team}}}","name":"Finance"},"channel":{"id":"19:budget@thread.tacv2","name":"Budget"},"tenant":{"id":"72f988bf-0000-4000-8000-2d7cd011db47"}}""");
        await PostAsync(system, reply);
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message.Address.Conversation.IsGroup));

        Assert.True((await FindGroupAsync(system, "19:budget@thread.tacv2")).Is(out Response<GroupConversationFound>? channel));
        Assert.Equal("Budget", channel.Message.Address.Conversation.Name);
        var user = await system.Harness.GetRequestClient<FindConversationReference>().GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference("msteams", "29:1a2b3c4d5e6f-teams-user-id"), TestContext.Current.CancellationToken);
        Assert.True(user.Is(out Response<ConversationReferenceFound>? reference));
        Assert.Equal("a:1pR2sT3uV4wX5yZ-personal-conversation-id", reference.Message.Address.Conversation.Id);
    }

    [Theory]
    [InlineData("membersRemoved")]
    [InlineData("installationUpdate")]
    public async Task The_bot_removed_from_a_team_revokes_it(string how)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Gateway | ServiceSet.Registry);
        await PostAsync(system, Activity(system, "teams-bot-added-to-team.json"));
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message.Address.Conversation.Id == Team));

        var removal = Activity(system, "teams-bot-added-to-team.json");
        removal["id"] = "f:1732441900000";
        removal["timestamp"] = "2026-11-24T09:50:00.000Z";
        if (how == "membersRemoved")
        {
            removal["membersRemoved"] = removal["membersAdded"]!.DeepClone();
            removal.Remove("membersAdded");
        }
        else
        {
            removal["type"] = "installationUpdate";
            removal["action"] = "remove";
            removal.Remove("membersAdded");
        }

        await PostAsync(system, removal);
        Assert.True(await system.Harness.Consumed.Any<ReferenceRevoked>(c => c.Context.Message.ConversationId == Team && c.Context.Message.UserId == null));

        Assert.True((await FindGroupAsync(system, Team)).Is(out Response<GroupConversationNotFound>? gone));
        Assert.Equal(RevocationReasons.BotRemoved, gone.Message.RevokedReasonCode);
    }

    private static JsonObject Activity(InProcessSystem system, string file)
    {
        var activity = SharedActivities.ReadObject(file);
        activity["serviceUrl"] = system.Channel.BaseUrl.ToString();
        return activity;
    }

    private static async Task PostAsync(InProcessSystem system, JsonObject activity)
    {
        using var http = system.OperatorClient();
        using var response = await http.PostAsJsonAsync("api/messages", activity, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static Task<Response<GroupConversationFound, GroupConversationNotFound>> FindGroupAsync(InProcessSystem system, string conversationId) =>
        system.Harness.GetRequestClient<FindGroupConversation>().GetResponse<GroupConversationFound, GroupConversationNotFound>(
            new FindGroupConversation("msteams", conversationId), TestContext.Current.CancellationToken);
}
