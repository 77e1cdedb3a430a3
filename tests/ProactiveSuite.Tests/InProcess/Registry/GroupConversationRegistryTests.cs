using MassTransit;
using MassTransit.Testing;
using ProactiveSuite.Contracts.Privacy;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Tests.InProcess.Registry;

/// <summary>The Registry alone: captures in group chats and Teams channels, and their look-ups over the bus.</summary>
public sealed class GroupConversationRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_message_in_a_channel_stores_the_channel_and_its_sender_as_a_known_member_not_as_their_personal_reference()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await system.UserWroteAsync("ada", "conv-ada", T0);

        await CaptureAsync(system, Channel(system, "19:general@thread.tacv2", "ada", T0.AddMinutes(1), team: "19:general@thread.tacv2") with { });

        var group = await FindGroupAsync(system, "19:general@thread.tacv2");
        Assert.True(group.Is(out Response<GroupConversationFound>? found));
        Assert.Equal(("19:general@thread.tacv2", "General", "19:general@thread.tacv2", "Finance", "tenant-1"),
            (found.Message.Address.Conversation.Id, found.Message.Address.Conversation.Name, found.Message.Address.Conversation.TeamId, found.Message.Address.Conversation.TeamName, found.Message.Address.Conversation.TenantId));
        Assert.Equal(T0.AddMinutes(1), found.Message.LastActivityAt);

        var personal = await FindUserAsync(system, "ada");
        Assert.True(personal.Is(out Response<ConversationReferenceFound>? ada));
        Assert.Equal("conv-ada", ada.Message.Address.Conversation.Id);
    }

    [Fact]
    public async Task A_user_seen_only_in_a_group_chat_is_not_found_but_the_answer_carries_the_known_member_single_and_in_a_batch()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await CaptureAsync(system, GroupChat(system, "19:chat@thread.v2", "grace", T0));

        Assert.True((await FindUserAsync(system, "grace")).Is(out Response<ConversationReferenceNotFound>? notFound));
        var member = notFound.Message.Member;
        Assert.NotNull(member);
        Assert.Equal((InProcessSystem.ChannelId, "grace", "aad-grace", "tenant-1", system.Channel.BaseUrl.ToString(), InProcessSystem.BotId, T0),
            (member.ChannelId, member.UserId, member.AadObjectId, member.TenantId, member.ServiceUrl, member.Bot.Id, member.LastSeenAt));

        var batch = await system.Harness.GetRequestClient<FindConversationReferences>().GetResponse<ConversationReferencesFound>(
            new FindConversationReferences([new(InProcessSystem.ChannelId, "grace"), new(InProcessSystem.ChannelId, "nobody")]), TestContext.Current.CancellationToken);
        Assert.Equal(("grace", (string?)"tenant-1"), (batch.Message.Results[0].UserId, batch.Message.Results[0].Member?.TenantId));
        Assert.Null(batch.Message.Results[0].Address);
        Assert.Null(batch.Message.Results[1].Member);
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_known_member_record()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await CaptureAsync(system, GroupChat(system, "19:chat@thread.v2", "grace", T0));

        await system.Harness.Bus.Publish(new EraseUserData("erase-1", InProcessSystem.ChannelId, "grace"), TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.Published.Any<UserDataErased>(e => e.Context.Message.RequestId == "erase-1"));

        Assert.True((await FindUserAsync(system, "grace")).Is(out Response<ConversationReferenceNotFound>? notFound));
        Assert.Null(notFound.Message.Member);
    }

    [Fact]
    public async Task The_bot_removed_revokes_the_group_conversation_until_it_is_added_again()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await CaptureAsync(system, GroupChat(system, "19:chat@thread.v2", "grace", T0));

        var removed = new ReferenceRevoked(InProcessSystem.ChannelId, null, "19:chat@thread.v2", RevocationReasons.BotRemoved, "removed", T0.AddMinutes(1));
        await system.Harness.Bus.Publish(removed, TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.Consumed.Any<ReferenceRevoked>(c => c.Context.Message == removed));

        Assert.True((await FindGroupAsync(system, "19:chat@thread.v2")).Is(out Response<GroupConversationNotFound>? notFound));
        Assert.Equal((RevocationReasons.BotRemoved, (DateTimeOffset?)T0.AddMinutes(1)), (notFound.Message.RevokedReasonCode, notFound.Message.RevokedAt));
        Assert.Empty((await ListAsync(system, new ListGroupConversations(InProcessSystem.ChannelId, null, null, null, null, 10))).Conversations);

        await CaptureAsync(system, GroupChat(system, "19:chat@thread.v2", "grace", T0.AddMinutes(2)));
        Assert.True((await FindGroupAsync(system, "19:chat@thread.v2")).Is(out Response<GroupConversationFound>? _));
    }

    [Fact]
    public async Task Pages_of_group_conversations_filter_by_type_team_tenant_and_teams_only_in_a_stable_order()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await CaptureAsync(system, GroupChat(system, "19:chat-a@thread.v2", "grace", T0));
        await CaptureAsync(system, Channel(system, "19:finance@thread.tacv2", "ada", T0, team: "19:finance@thread.tacv2"));
        await CaptureAsync(system, Channel(system, "19:finance-budget@thread.tacv2", "ada", T0, team: "19:finance@thread.tacv2"));
        await CaptureAsync(system, Channel(system, "19:sales@thread.tacv2", "ada", T0, team: "19:sales@thread.tacv2", tenant: "tenant-2"));

        static ListGroupConversations All(string? type = null, string? team = null, string? tenant = null, bool teamsOnly = false, string? after = null, int limit = 10) =>
            new(InProcessSystem.ChannelId, tenant, team, type, after, limit, teamsOnly);

        Assert.Equal(["19:chat-a@thread.v2"], await IdsAsync(system, All(GroupConversationTypes.GroupChat)));
        Assert.Equal(["19:finance-budget@thread.tacv2", "19:finance@thread.tacv2", "19:sales@thread.tacv2"], await IdsAsync(system, All(GroupConversationTypes.Channel)));
        Assert.Equal(["19:finance-budget@thread.tacv2", "19:finance@thread.tacv2"], await IdsAsync(system, All(team: "19:finance@thread.tacv2")));
        Assert.Equal(["19:finance@thread.tacv2", "19:sales@thread.tacv2"], await IdsAsync(system, All(teamsOnly: true)));
        Assert.Equal(["19:sales@thread.tacv2"], await IdsAsync(system, All(tenant: "tenant-2")));

        var first = await ListAsync(system, All(limit: 3));
        var second = await ListAsync(system, All(after: first.Next, limit: 3));
        Assert.Equal(3, first.Conversations.Count);
        Assert.Single(second.Conversations);
        Assert.Null(second.Next);
        Assert.Equal(4, first.Conversations.Concat(second.Conversations).Select(c => c.Conversation.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("groupchat", 10, null)]
    [InlineData(null, 0, null)]
    [InlineData(null, 10, "not-a-cursor")]
    public async Task A_page_request_the_Registry_cannot_answer_goes_to_the_error_queue_with_its_reason(string? type, int limit, string? after)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        var errorQueue = await ErrorQueueReader.ConnectAsync<ListGroupConversations>(system, "registry-reference-lookup");

        await system.Harness.Bus.Publish(new ListGroupConversations(InProcessSystem.ChannelId, null, null, type, after, limit), TestContext.Current.CancellationToken);

        var moved = await errorQueue.FirstAsync();
        Assert.StartsWith("ListGroupConversations rejected: ", moved.Reason, StringComparison.Ordinal);
        Assert.Equal(0, moved.RetryCount);
    }

    [Fact]
    public async Task A_revocation_without_a_user_naming_an_unusable_conversation_goes_to_the_error_queue()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        var errorQueue = await ErrorQueueReader.ConnectAsync<ReferenceRevoked>(system, "registry-reference-revoked");

        await system.Harness.Bus.Publish(new ReferenceRevoked(InProcessSystem.ChannelId, null, "../admin", RevocationReasons.BotRemoved, "x", T0), TestContext.Current.CancellationToken);

        Assert.Contains("path segment", (await errorQueue.FirstAsync()).Reason, StringComparison.Ordinal);
    }

    internal static ReferenceCaptured GroupChat(InProcessSystem system, string conversationId, string userId, DateTimeOffset at) =>
        Captured(system, new ConversationInfo(conversationId, GroupConversationTypes.GroupChat, "tenant-1", IsGroup: true, Name: "Launch"), userId, at);

    internal static ReferenceCaptured Channel(InProcessSystem system, string conversationId, string userId, DateTimeOffset at, string team, string tenant = "tenant-1") =>
        Captured(system, new ConversationInfo(conversationId, GroupConversationTypes.Channel, tenant, IsGroup: true, Name: "General", TeamId: team, TeamName: "Finance"), userId, at);

    internal static async Task CaptureAsync(InProcessSystem system, ReferenceCaptured captured)
    {
        await system.Harness.Bus.Publish(captured, TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.Consumed.Any<ReferenceCaptured>(c => c.Context.Message == captured), "The Registry did not consume the capture.");
    }

    private static ReferenceCaptured Captured(InProcessSystem system, ConversationInfo conversation, string userId, DateTimeOffset at) => new(
        system.AddressOf(userId, conversation.Id) with { Conversation = conversation, User = new ParticipantInfo(userId, null, "aad-" + userId) },
        Guid.NewGuid().ToString("N"),
        "message",
        at);

    private static async Task<string[]> IdsAsync(InProcessSystem system, ListGroupConversations request) =>
        [.. (await ListAsync(system, request)).Conversations.Select(c => c.Conversation.Id)];

    private static async Task<GroupConversationPage> ListAsync(InProcessSystem system, ListGroupConversations request) =>
        (await system.Harness.GetRequestClient<ListGroupConversations>().GetResponse<GroupConversationPage>(request, TestContext.Current.CancellationToken)).Message;

    private static Task<Response<GroupConversationFound, GroupConversationNotFound>> FindGroupAsync(InProcessSystem system, string conversationId) =>
        system.Harness.GetRequestClient<FindGroupConversation>().GetResponse<GroupConversationFound, GroupConversationNotFound>(
            new FindGroupConversation(InProcessSystem.ChannelId, conversationId), TestContext.Current.CancellationToken);

    private static Task<Response<ConversationReferenceFound, ConversationReferenceNotFound>> FindUserAsync(InProcessSystem system, string userId) =>
        system.Harness.GetRequestClient<FindConversationReference>().GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference(InProcessSystem.ChannelId, userId), TestContext.Current.CancellationToken);
}
