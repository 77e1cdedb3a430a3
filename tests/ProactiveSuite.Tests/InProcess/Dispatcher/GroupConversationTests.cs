using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Registry.Revocation;

namespace ProactiveSuite.Tests.InProcess.Dispatcher;

/// <summary>Group chats and Teams channels as recipients: posted into, keyed apart from users, revoked as a whole, broadcast to by scope.</summary>
public sealed class GroupConversationTests
{
    private const string Channel = "19:general@thread.tacv2";
    private const string Team = Channel; // a team's own channel has the team's id
    private const string Planning = "19:planning@thread.tacv2";
    private const string GroupChat = "19:lunch-chat@thread.v2";

    [Fact]
    public async Task A_notification_to_a_conversation_is_a_new_post_in_it_and_its_ledger_record_is_not_a_users()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.MemberWroteAsync("ada", Planning, GroupConversationTypes.Channel, Team);
        // A user whose id is the conversation's: the same notification to both is two deliveries.
        await system.UserWroteAsync(Planning, "conv-lookalike", DateTimeOffset.UtcNow.AddMinutes(-5));

        await system.Harness.Bus.Publish(Notification("n-post", ToConversation(Planning)), TestContext.Current.CancellationToken);
        await system.Harness.Bus.Publish(Notification("n-post", new Recipient(InProcessSystem.ChannelId, Planning)), TestContext.Current.CancellationToken);

        var toConversation = await DeliveryOf(system, "n-post", r => r.ConversationId == Planning);
        var toUser = await DeliveryOf(system, "n-post", r => r.UserId == Planning);
        var post = Assert.Single(system.Channel.Transcript.InConversation(Planning));
        Assert.Equal((Planning, post.ActivityId, false), (toConversation.ConversationId, toConversation.ActivityId, toConversation.ConversationCreated));
        Assert.Null(post.Activity["replyToId"]);
        Assert.Equal(GroupCaptures.Bot.Id, post.Activity["from"]?["id"]?.GetValue<string>());
        Assert.Equal("conv-lookalike", toUser.ConversationId);
        Assert.Single(system.Channel.Transcript.InConversation("conv-lookalike"));

        var ledger = system.Services.GetRequiredService<IDeliveryLedger>();
        var record = await ledger.FindAsync(new DeliveryKey("n-post", InProcessSystem.ChannelId, null, Planning), TestContext.Current.CancellationToken);
        Assert.Equal((DeliveryState.Delivered, Planning, post.ActivityId), (record?.State, record?.ConversationId, record?.ActivityId));
    }

    [Fact]
    public async Task A_post_in_a_conversation_is_edited_and_recalled_in_place_like_a_users_copy()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.MemberWroteAsync("ada", GroupChat, GroupConversationTypes.GroupChat);
        await system.Harness.Bus.Publish(Notification("n-changed", ToConversation(GroupChat)), TestContext.Current.CancellationToken);
        var post = await DeliveryOf(system, "n-changed", r => r.ConversationId == GroupChat);
        // A bound on a broken run (a copy change that never comes), not a measurement.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromMinutes(1));
        var ct = patience.Token;

        await system.Harness.Bus.Publish(new EditNotification { NotificationId = "n-changed", Text = "The build is red" }, ct);
        var edited = await system.Channel.Transcript.WaitForAsync(a => a.Operation == ConnectorOperation.UpdateActivity && a.ConversationId == GroupChat, ct);
        await system.Harness.Bus.Publish(new RecallNotification("n-changed"), ct);
        var deleted = await system.Channel.Transcript.WaitForAsync(a => a.Operation == ConnectorOperation.DeleteActivity && a.ConversationId == GroupChat, ct);

        Assert.Equal((post.ActivityId, "The build is red"), (edited.ActivityId, edited.Text));
        Assert.Equal(post.ActivityId, deleted.ActivityId);
        Assert.Equal(GroupCaptures.Bot.Id, edited.Activity["from"]?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_conversation_the_bot_was_removed_from_is_revoked_as_a_whole_and_not_posted_to_again()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.MemberWroteAsync("ada", GroupChat, GroupConversationTypes.GroupChat);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));
        system.Channel.Faults.AddRule(ChannelFault.Error(403, ConnectorErrorCodes.BotNotInConversationRoster).InConversation(GroupChat));

        await system.Harness.Bus.Publish(Notification("n-removed-1", ToConversation(GroupChat)), TestContext.Current.CancellationToken);
        Assert.Equal(NotificationFailureReasons.BotRemoved, (await FailureOf(system, "n-removed-1")).ReasonCode);
        var revoked = await system.Harness.GetConsumerHarness<ReferenceRevokedConsumer>().Consumed.SelectAsync<ReferenceRevoked>().FirstOrDefault();
        Assert.NotNull(revoked);
        Assert.Equal((null, GroupChat, RevocationReasons.BotRemoved), (revoked.Context.Message.UserId, revoked.Context.Message.ConversationId, revoked.Context.Message.ReasonCode));

        await system.Harness.Bus.Publish(Notification("n-removed-2", ToConversation(GroupChat)), TestContext.Current.CancellationToken);
        await system.Harness.Bus.Publish(Notification("n-removed-3", new Recipient(InProcessSystem.ChannelId, "ada")), TestContext.Current.CancellationToken);

        var second = await FailureOf(system, "n-removed-2");
        Assert.Equal(NotificationFailureReasons.ReferenceRevoked, second.ReasonCode);
        Assert.Contains("the bot has not been added again", second.Reason, StringComparison.Ordinal);
        // The member's own conversation is untouched by the group's revocation.
        await DeliveryOf(system, "n-removed-3", r => r.UserId == "ada");
        Assert.Equal(new ConnectorCallCounts(0, 0, 0, 0, 1), system.Channel.Statistics.For(GroupChat));
    }

    [Theory]
    [InlineData(BroadcastScopes.Channels, new[] { Channel, Planning })]
    [InlineData(BroadcastScopes.Teams, new[] { Channel })]
    [InlineData(BroadcastScopes.GroupChats, new[] { GroupChat })]
    public async Task A_broadcast_scope_reaches_each_of_its_group_conversations_once_and_no_user(string scope, string[] reached)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        await system.MemberWroteAsync("ada", Channel, GroupConversationTypes.Channel, Team);
        await system.MemberWroteAsync("bob", Planning, GroupConversationTypes.Channel, Team);
        await system.MemberWroteAsync("cy", GroupChat, GroupConversationTypes.GroupChat);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));

        var broadcast = new SendBroadcast
        {
            NotificationId = $"b-{scope}",
            Audience = new BroadcastAudience { ChannelId = InProcessSystem.ChannelId, Scope = scope },
            Text = "The office is closed on Friday",
        };
        await system.Harness.Bus.Publish(broadcast, TestContext.Current.CancellationToken);

        var completed = await system.Harness.Published.SelectAsync<NotificationCompleted>(c => c.Context.Message.NotificationId == broadcast.NotificationId).FirstOrDefault();
        Assert.NotNull(completed);
        Assert.Equal((reached.Length, reached.Length), (completed.Context.Message.Total, completed.Context.Message.Delivered));
        Assert.Equal(reached.Order(StringComparer.Ordinal), system.Channel.Transcript.All().Where(a => a.Direction == ActivityDirection.ToUser).Select(a => a.ConversationId).Order(StringComparer.Ordinal));
        Assert.All(system.Harness.Published.Select<NotificationDelivered>(InProcessSystem.Now), d => Assert.Null(d.Context.Message.Recipient.UserId));
    }

    [Fact]
    public async Task A_user_seen_only_in_a_group_conversation_is_reached_one_to_one_where_and_as_whom_they_were_seen_in_their_tenant()
    {
        // No endpoint configured for the channel: only what the Registry knows of the member can create the conversation.
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher, settings: new Dictionary<string, string?>
        {
            [$"Dispatcher:Channels:{InProcessSystem.ChannelId}:ServiceUrl"] = "",
        });
        await system.MemberWroteAsync("dan", Planning, GroupConversationTypes.Channel, Team);

        var first = Notification("n-member-1", new Recipient(InProcessSystem.ChannelId, "dan")) with { CreateConversationIfMissing = true };
        await system.Harness.Bus.Publish(first, TestContext.Current.CancellationToken);
        var delivered = await DeliveryOf(system, "n-member-1", r => r.UserId == "dan");

        var created = Assert.Single(system.Channel.Transcript.CreatedConversations());
        Assert.Equal((delivered.ConversationId, true), (created.ConversationId, delivered.ConversationCreated));
        Assert.Equal(["dan"], created.Members.Select(m => m["id"]?.GetValue<string>()));
        Assert.Equal(GroupCaptures.Bot.Id, created.Bot?["id"]?.GetValue<string>());
        Assert.Equal((GroupCaptures.TenantId, GroupCaptures.TenantId), (created.TenantId, created.ChannelData?["tenant"]?["id"]?.GetValue<string>()));
        Assert.Empty(system.Channel.Transcript.InConversation(Planning));

        // The created conversation became dan's reference: the next notification goes there without creating another.
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message.Address.Conversation.Id == created.ConversationId));
        await system.Harness.Bus.Publish(Notification("n-member-2", new Recipient(InProcessSystem.ChannelId, "dan")), TestContext.Current.CancellationToken);
        Assert.Equal(created.ConversationId, (await DeliveryOf(system, "n-member-2", r => r.UserId == "dan")).ConversationId);
        Assert.Equal(2, system.Channel.Transcript.InConversation(created.ConversationId).Count);
        Assert.Single(system.Channel.Transcript.CreatedConversations());
    }

    private static Recipient ToConversation(string conversationId) => new(InProcessSystem.ChannelId, null, null, conversationId);

    private static SendNotification Notification(string id, Recipient recipient) => new() { NotificationId = id, Recipient = recipient, Text = "The build is green" };

    private static async Task<NotificationDelivered> DeliveryOf(InProcessSystem system, string notificationId, Func<Recipient, bool> recipient)
    {
        var outcome = await system.Harness.Published.SelectAsync(m =>
            m.MessageObject is NotificationDelivered d && d.NotificationId == notificationId && recipient(d.Recipient)
            || m.MessageObject is NotificationFailed f && f.NotificationId == notificationId && f.Recipient is { } r && recipient(r)).FirstOrDefault();
        return Assert.IsType<NotificationDelivered>(outcome?.MessageObject);
    }

    private static async Task<NotificationFailed> FailureOf(InProcessSystem system, string notificationId)
    {
        var failed = await system.Harness.Published.SelectAsync<NotificationFailed>(f => f.Context.Message.NotificationId == notificationId).FirstOrDefault();
        Assert.NotNull(failed);
        return failed.Context.Message;
    }
}
