using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.GroupConversations;
using ProactiveSuite.Registry.GroupConversations.Stores;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Tests.Stores;

public sealed class GroupConversationsOnEmbeddedStore() : GroupConversationStoreContract(new EmbeddedStoreUnderTest());

public sealed class GroupConversationsOnMongoDb() : GroupConversationStoreContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="IGroupConversationStore"/> adapter must do, on each engine.</summary>
public abstract class GroupConversationStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private IGroupConversationStore Conversations { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Conversations = Open();
    }

    private IGroupConversationStore Open() => Store.Open<IGroupConversationStore, GroupConversationStore>();

    [Fact]
    public async Task A_conversation_survives_reopening_the_store_with_its_team_and_names()
    {
        var stored = Conversation("19:a@thread.tacv2", T0, team: "19:a@thread.tacv2");
        Assert.Equal(UpsertOutcome.Stored, await Conversations.UpsertNewestAsync(stored, default));
        await Store.CloseAllAsync();

        var found = await Open().FindAsync(GroupConversationKey.For("MSTeams", "19:a@thread.tacv2"), default);
        Assert.Equal(stored.Address, found!.Address);
        Assert.Equal((T0, "message"), (found.LastActivityAt, found.LastActivityType));
        Assert.True(found.IsTeam);
    }

    [Fact]
    public async Task Newest_wins_as_for_users_older_and_replayed_captures_change_nothing()
    {
        await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0, name: "Old"), default);

        Assert.Equal(UpsertOutcome.Stale, await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0, name: "Replayed"), default));
        Assert.Equal(UpsertOutcome.Stale, await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0.AddSeconds(-1), name: "Older"), default));
        Assert.Equal(UpsertOutcome.Stored, await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0.AddSeconds(1), name: "Renamed"), default));

        Assert.Equal("Renamed", (await Conversations.FindAsync(GroupConversationKey.For("msteams", "19:a@thread.tacv2"), default))!.Address.Conversation.Name);
    }

    [Fact]
    public async Task A_revocation_holds_until_a_newer_capture()
    {
        await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0), default);

        Assert.Equal(UpsertOutcome.Stale, await Conversations.RevokeAsync(Revocation("19:a@thread.tacv2", T0.AddSeconds(-1)), default));
        Assert.Equal(UpsertOutcome.Stored, await Conversations.RevokeAsync(Revocation("19:a@thread.tacv2", T0.AddSeconds(10)), default));
        Assert.Equal(UpsertOutcome.Stale, await Conversations.RevokeAsync(Revocation("19:a@thread.tacv2", T0.AddSeconds(11)), default));
        var revoked = await Conversations.FindAsync(GroupConversationKey.For("msteams", "19:a@thread.tacv2"), default);
        Assert.Equal((T0.AddSeconds(10), RevocationReasons.BotRemoved), (revoked!.RevokedAt, revoked.RevokedReasonCode));

        Assert.Equal(UpsertOutcome.Stale, await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0.AddSeconds(5)), default));
        Assert.Equal(UpsertOutcome.Stored, await Conversations.UpsertNewestAsync(Conversation("19:a@thread.tacv2", T0.AddSeconds(12)), default));
        Assert.False((await Conversations.FindAsync(GroupConversationKey.For("msteams", "19:a@thread.tacv2"), default))!.IsRevoked);
    }

    [Fact]
    public async Task Pages_hold_active_conversations_of_the_channel_filtered_in_key_order()
    {
        await Conversations.UpsertNewestAsync(Conversation("19:chat@thread.v2", T0, type: GroupConversationTypes.GroupChat), default);
        await Conversations.UpsertNewestAsync(Conversation("19:t1@thread.tacv2", T0, team: "19:t1@thread.tacv2"), default);
        await Conversations.UpsertNewestAsync(Conversation("19:t1-b@thread.tacv2", T0, team: "19:t1@thread.tacv2"), default);
        await Conversations.UpsertNewestAsync(Conversation("19:t2@thread.tacv2", T0, team: "19:t2@thread.tacv2", tenant: "tenant-2"), default);
        await Conversations.UpsertNewestAsync(Conversation("19:gone@thread.tacv2", T0, team: "19:gone@thread.tacv2"), default);
        await Conversations.RevokeAsync(Revocation("19:gone@thread.tacv2", T0.AddSeconds(1)), default);
        await Conversations.UpsertNewestAsync(Conversation("19:other@thread.v2", T0, channel: "slack"), default);

        async Task<string[]> Ids(string? tenant = null, string? team = null, string? type = null, bool teamsOnly = false) =>
            [.. (await Conversations.ListAsync(new GroupConversationQuery("MSTEAMS", tenant, team, type, teamsOnly, null, 10), default)).Items.Select(c => c.Address.Conversation.Id)];

        Assert.Equal(["19:chat@thread.v2", "19:t1-b@thread.tacv2", "19:t1@thread.tacv2", "19:t2@thread.tacv2"], await Ids());
        Assert.Equal(["19:chat@thread.v2"], await Ids(type: GroupConversationTypes.GroupChat));
        Assert.Equal(["19:t1-b@thread.tacv2", "19:t1@thread.tacv2"], await Ids(team: "19:t1@thread.tacv2"));
        Assert.Equal(["19:t1@thread.tacv2", "19:t2@thread.tacv2"], await Ids(teamsOnly: true));
        Assert.Equal(["19:t2@thread.tacv2"], await Ids(tenant: "tenant-2"));

        var first = await Conversations.ListAsync(new GroupConversationQuery("msteams", null, null, null, false, null, 2), default);
        var second = await Conversations.ListAsync(new GroupConversationQuery("msteams", null, null, null, false, first.Next, 2), default);
        Assert.Equal(["19:chat@thread.v2", "19:t1-b@thread.tacv2", "19:t1@thread.tacv2", "19:t2@thread.tacv2"], first.Items.Concat(second.Items).Select(c => c.Address.Conversation.Id));
        Assert.Null(second.Next);
        Assert.Equal(6, await Conversations.CountAsync(default));
    }

    private static ReferenceRevoked Revocation(string conversationId, DateTimeOffset at) =>
        new("msteams", null, conversationId, RevocationReasons.BotRemoved, "removed", at);

    private static StoredGroupConversation Conversation(string id, DateTimeOffset at, string? team = null, string tenant = "tenant-1", string type = GroupConversationTypes.Channel, string? name = "General", string channel = "msteams") => new(
        new GroupConversationAddress(
            channel,
            "https://smba.trafficmanager.net/emea/",
            new ConversationInfo(id, type, tenant, IsGroup: true, name, team, team is null ? null : "Finance"),
            new ParticipantInfo("28:bot", "ProactiveBot", null)),
        at,
        "activity-1",
        "message");
}
