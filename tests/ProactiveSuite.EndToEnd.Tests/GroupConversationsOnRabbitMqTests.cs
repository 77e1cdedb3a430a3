using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// Group conversations on the production shape: a Teams channel message through the Gateway, the Registry and
/// Dispatcher as separate processes over RabbitMQ, and the posts, the broadcast and the one-to-one conversation
/// over HTTP at the channel emulator.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class GroupConversationsOnRabbitMqTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_Teams_channel_is_posted_to_and_its_member_is_reached_one_to_one_without_a_tenant_in_the_command()
    {
        var tenant = Guid.NewGuid().ToString();
        var team = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var member = "29:" + Guid.NewGuid().ToString("N");
        await MemberWritesInChannelAsync(member, team, team, tenant);

        var post = await DeliveredAsync(new SendNotification
        {
            NotificationId = "n-" + Guid.NewGuid().ToString("N"),
            Recipient = new Recipient("msteams", null, null, team),
            Text = "The build is green",
        });
        Assert.Equal((team, false, null), (post.ConversationId, post.ConversationCreated, post.Recipient.UserId));
        var posted = Assert.Single(system.Channel.Transcript.InConversation(team), a => a.Text == "The build is green");
        Assert.Equal(post.ActivityId, posted.ActivityId);
        Assert.Null(posted.Activity["replyToId"]);

        var direct = await DeliveredAsync(new SendNotification
        {
            NotificationId = "n-" + Guid.NewGuid().ToString("N"),
            Recipient = new Recipient("msteams", member),
            Text = "Your review is due",
            CreateConversationIfMissing = true,
        });
        Assert.True(direct.ConversationCreated);
        var created = Assert.Single(system.Channel.Transcript.CreatedConversations(), c => c.ConversationId == direct.ConversationId);
        Assert.Equal(member, Assert.Single(created.Members)["id"]!.GetValue<string>());
        Assert.Equal((tenant, tenant), (created.TenantId, created.ChannelData?["tenant"]?["id"]?.GetValue<string>()));
        Assert.False(created.IsGroup);
    }

    [Fact]
    public async Task A_broadcast_to_teams_posts_once_in_each_teams_own_channel_of_the_tenant()
    {
        var tenant = Guid.NewGuid().ToString();
        var team = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var other = $"19:{Guid.NewGuid():N}@thread.tacv2";
        await MemberWritesInChannelAsync("29:" + Guid.NewGuid().ToString("N"), team, team, tenant);
        await MemberWritesInChannelAsync("29:" + Guid.NewGuid().ToString("N"), other, team, tenant);
        var id = "b-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendBroadcast
        {
            NotificationId = id,
            Audience = new BroadcastAudience { ChannelId = "msteams", TenantId = tenant, Scope = BroadcastScopes.Teams },
            Text = "Town hall at 4 pm",
        }, TestContext.Current.CancellationToken);

        var completed = await Eventually.Within(ct => system.Outside.Completed.WaitForAsync(c => c.NotificationId == id, ct), "NotificationCompleted", system.Logs);
        Assert.Equal((1, 1), (completed.Total, completed.Delivered));
        Assert.Single(system.Channel.Transcript.InConversation(team), a => a.Text == "Town hall at 4 pm");
        Assert.DoesNotContain(system.Channel.Transcript.InConversation(other), a => a.Text == "Town hall at 4 pm");
    }

    /// <summary>A Teams-shaped channel message (a reply in a thread, as Teams sends it) through the Gateway, once the Registry has the channel.</summary>
    private async Task MemberWritesInChannelAsync(string member, string channel, string team, string tenant)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-personal-message.json"))!.AsObject();
        activity["from"]!["id"] = member;
        activity["conversation"] = new JsonObject
        {
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = tenant,
            ["id"] = $"{channel};messageid={activity["id"]!.GetValue<string>()}",
        };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = tenant },
            ["team"] = new JsonObject { ["id"] = team, ["name"] = "Contoso" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = channel == team ? "General" : "Planning" },
        };

        Assert.Equal(HttpStatusCode.Accepted, (await system.Channel.ForwardActivityAsync(activity)).StatusCode);
        var groups = system.Outside.Bus.CreateRequestClient<FindGroupConversation>();
        await Eventually.Until(
            async () =>
            {
                var answer = await groups.GetResponse<GroupConversationFound, GroupConversationNotFound>(new FindGroupConversation("msteams", channel), TestContext.Current.CancellationToken);
                return answer.Is(out Response<GroupConversationFound>? found) ? found.Message : null;
            },
            $"the channel {channel} in the Registry",
            system.Logs);
    }

    private async Task<NotificationDelivered> DeliveredAsync(SendNotification command)
    {
        await system.Outside.Bus.Publish(command, TestContext.Current.CancellationToken);
        var outcome = await Eventually.Within(
            async ct => await Task.WhenAny(
                system.Outside.Delivered.WaitForAsync(d => d.NotificationId == command.NotificationId, ct).ContinueWith(t => (object)t.Result, ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default),
                system.Outside.Failed.WaitForAsync(f => f.NotificationId == command.NotificationId, ct).ContinueWith(t => (object)t.Result, ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)).Unwrap(),
            $"the outcome of {command.NotificationId}",
            system.Logs);
        return Assert.IsType<NotificationDelivered>(outcome);
    }
}
