using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The Registry's group conversation look-ups as separate processes on RabbitMQ: the bot added to a team
/// through the Gateway, then found over the bus (its queue bound to the new request exchanges) and over HTTP.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class GroupConversationLookupsOnRabbitMqTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_team_the_bot_was_added_to_is_found_over_the_bus_and_http_and_its_removal_revokes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var team = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var owner = "29:owner-" + Guid.NewGuid().ToString("N")[..12];
        var added = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-bot-added-to-team.json"))!.AsObject();
        added["conversation"]!["id"] = team;
        added["channelData"]!["team"]!["id"] = team;
        added["from"]!["id"] = owner;

        Assert.Equal(HttpStatusCode.Accepted, (await system.Channel.ForwardActivityAsync(added)).StatusCode);
        var url = new Uri(system.RegistryUrl, $"/conversations/msteams/{Uri.EscapeDataString(team)}");
        var stored = await Eventually.Until(async () => (await system.Http.GetAsync(url, ct)) is { StatusCode: HttpStatusCode.OK } ok ? await ok.Content.ReadFromJsonAsync<JsonObject>(ct) : null, "the team in the registry", system.Logs);
        Assert.Equal("Finance", stored["address"]!["conversation"]!["teamName"]!.GetValue<string>());

        var found = await system.Outside.Bus.CreateRequestClient<FindGroupConversation>()
            .GetResponse<GroupConversationFound, GroupConversationNotFound>(new FindGroupConversation("msteams", team), ct);
        Assert.True(found.Is(out Response<GroupConversationFound>? hit));
        Assert.Equal(team, hit.Message.Address.Conversation.TeamId);
        var teams = await system.Outside.Bus.CreateRequestClient<ListGroupConversations>()
            .GetResponse<GroupConversationPage>(new ListGroupConversations("msteams", null, team, null, null, 10, TeamsOnly: true), ct);
        Assert.Equal(team, Assert.Single(teams.Message.Conversations).Conversation.Id);
        var member = await system.Outside.Bus.CreateRequestClient<FindConversationReference>()
            .GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(new FindConversationReference("msteams", owner), ct);
        Assert.True(member.Is(out Response<ConversationReferenceNotFound>? notFound));
        Assert.Equal("72f988bf-0000-4000-8000-2d7cd011db47", notFound.Message.Member?.TenantId);

        var removed = added.DeepClone().AsObject();
        removed["id"] = "f:removed-" + Guid.NewGuid().ToString("N");
        removed["timestamp"] = "2026-11-24T10:00:00.000Z";
        removed["membersRemoved"] = removed["membersAdded"]!.DeepClone();
        removed.Remove("membersAdded");
        Assert.Equal(HttpStatusCode.Accepted, (await system.Channel.ForwardActivityAsync(removed)).StatusCode);
        var gone = await Eventually.Until(async () => (await system.Http.GetAsync(url, ct)) is { StatusCode: HttpStatusCode.NotFound } missing ? await missing.Content.ReadFromJsonAsync<JsonObject>(ct) : null, "the team revoked", system.Logs);
        Assert.Equal(RevocationReasons.BotRemoved, gone["revokedReasonCode"]!.GetValue<string>());
    }
}
