using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.Tests.Registry;

namespace ProactiveSuite.Tests.Stores;

public sealed class ConversationReferencesOnEmbeddedStore() : ConversationReferenceStoreContract(new EmbeddedStoreUnderTest());

public sealed class ConversationReferencesOnMongoDb() : ConversationReferenceStoreContract(new MongoStoreUnderTest());

/// <summary>
/// What every <see cref="IConversationReferenceStore"/> adapter must do. Each adapter runs this same
/// suite, so the embedded default and MongoDB cannot drift apart.
/// </summary>
public abstract class ConversationReferenceStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private IConversationReferenceStore References { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        References = Open();
    }

    private IConversationReferenceStore Open() =>
        Store.Open<IConversationReferenceStore, ConversationReferenceStore>();

    [Fact]
    public async Task References_survive_reopening_the_store()
    {
        await References.UpsertNewestAsync(Reference(T0), default);
        await Store.CloseAllAsync();

        Assert.NotNull(await Open().FindAsync(ReferenceKey.For("emulator", "user-ada"), default));
    }

    [Fact]
    public async Task A_revocation_of_the_stored_conversation_marks_it_revoked()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-1"), default);

        Assert.Equal(UpsertOutcome.Stored, await References.RevokeAsync(Revocation("conv-1", T0.AddSeconds(5)), default));

        var found = await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);
        Assert.Equal((T0.AddSeconds(5), RevocationReasons.UserBlocked), (found!.RevokedAt, found.RevokedReasonCode));
        Assert.True(found.IsRevoked);
    }

    [Fact]
    public async Task A_revocation_of_another_conversation_or_from_before_the_last_activity_changes_nothing()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-1"), default);

        Assert.Equal(UpsertOutcome.Stale, await References.RevokeAsync(Revocation("conv-old", T0.AddSeconds(5)), default));
        Assert.Equal(UpsertOutcome.Stale, await References.RevokeAsync(Revocation("conv-1", T0.AddSeconds(-5)), default));
        Assert.Equal(UpsertOutcome.Stale, await References.RevokeAsync(Revocation("conv-1", T0.AddSeconds(5)) with { UserId = "nobody" }, default));

        Assert.False((await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.IsRevoked);
    }

    [Fact]
    public async Task Only_a_capture_newer_than_the_revocation_brings_the_reference_back()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-1"), default);
        await References.RevokeAsync(Revocation("conv-1", T0.AddSeconds(10)), default);

        Assert.Equal(UpsertOutcome.Stale, await References.UpsertNewestAsync(Reference(T0.AddSeconds(5), "conv-1"), default));
        Assert.True((await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.IsRevoked);

        Assert.Equal(UpsertOutcome.Stored, await References.UpsertNewestAsync(Reference(T0.AddSeconds(11), "conv-2"), default));
        var found = await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);
        Assert.False(found!.IsRevoked);
        Assert.Equal("conv-2", found.Address.Conversation.Id);
    }

    private static ReferenceRevoked Revocation(string conversationId, DateTimeOffset at) =>
        new("emulator", "user-ada", conversationId, RevocationReasons.UserBlocked, "403 ConversationBlockedByUser", at);

    [Fact]
    public async Task A_stored_reference_is_found_by_its_key()
    {
        var reference = Reference(T0);
        Assert.Equal(UpsertOutcome.Stored, await References.UpsertNewestAsync(reference, default));

        var found = await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);

        Assert.NotNull(found);
        Assert.Equal(reference.Address, found.Address);
        Assert.Equal(reference.LastActivityAt, found.LastActivityAt);
        Assert.Equal(reference.LastActivityId, found.LastActivityId);
        Assert.Equal(reference.LastActivityType, found.LastActivityType);
    }

    [Fact]
    public async Task An_unknown_key_finds_nothing() =>
        Assert.Null(await References.FindAsync(ReferenceKey.For("emulator", "nobody"), default));

    [Fact]
    public async Task A_newer_activity_replaces_the_stored_reference()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-old"), default);

        Assert.Equal(UpsertOutcome.Stored, await References.UpsertNewestAsync(Reference(T0.AddSeconds(1), "conv-new"), default));

        var found = await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);
        Assert.Equal("conv-new", found!.Address.Conversation.Id);
    }

    [Fact]
    public async Task An_older_activity_changes_nothing()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-new"), default);

        Assert.Equal(UpsertOutcome.Stale, await References.UpsertNewestAsync(Reference(T0.AddSeconds(-1), "conv-old"), default));

        Assert.Equal("conv-new", (await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task A_replayed_activity_changes_nothing()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-1"), default);

        Assert.Equal(UpsertOutcome.Stale, await References.UpsertNewestAsync(Reference(T0, "conv-replayed"), default));

        Assert.Equal("conv-1", (await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task Timestamps_in_other_offsets_compare_as_instants()
    {
        await References.UpsertNewestAsync(Reference(T0), default);

        Assert.Equal(UpsertOutcome.Stale, await References.UpsertNewestAsync(Reference(T0.ToOffset(TimeSpan.FromHours(1)), conversationId: "conv-2"), default));
        Assert.Equal(UpsertOutcome.Stored, await References.UpsertNewestAsync(Reference(T0.AddMilliseconds(1).ToOffset(TimeSpan.FromHours(-5)), conversationId: "conv-3"), default));
        Assert.Equal("conv-3", (await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task A_replay_of_a_capture_finer_than_a_millisecond_changes_nothing()
    {
        var fine = T0.AddTicks(4567);
        Assert.Equal(UpsertOutcome.Stored, await References.UpsertNewestAsync(Reference(fine), default));

        Assert.Equal(UpsertOutcome.Stale, await References.UpsertNewestAsync(Reference(fine, conversationId: "conv-2"), default));
    }

    [Fact]
    public async Task Racing_captures_leave_the_newest_whatever_order_they_land_in()
    {
        var captures = Enumerable.Range(0, 40).Select(i => Reference(T0.AddSeconds(i), $"conv-{i}")).Reverse().ToList();

        await Parallel.ForEachAsync(captures, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, ct) => await References.UpsertNewestAsync(r, ct));

        Assert.Equal("conv-39", (await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task User_ids_that_differ_only_in_case_are_different_users()
    {
        await References.UpsertNewestAsync(Reference(T0, "conv-lower", userId: "user-x"), default);
        await References.UpsertNewestAsync(Reference(T0, "conv-upper", userId: "USER-X"), default);

        Assert.Equal("conv-lower", (await References.FindAsync(ReferenceKey.For("emulator", "user-x"), default))!.Address.Conversation.Id);
        Assert.Equal("conv-upper", (await References.FindAsync(ReferenceKey.For("emulator", "USER-X"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task Pages_list_every_reference_once_and_can_be_limited_to_a_channel()
    {
        var users = Enumerable.Range(0, 7).Select(i => $"user-{i}").ToList();
        foreach (var user in users)
        {
            await References.UpsertNewestAsync(Reference(T0, "conv-" + user, userId: user), default);
            await References.UpsertNewestAsync(Reference(T0, "conv-" + user, userId: user, channelId: "msteams"), default);
        }

        var seen = new List<string>();
        ReferenceKey? after = null;
        var pages = 0;
        do
        {
            var page = await References.ListAsync(new ReferencePageRequest("emulator", after, Limit: 3), default);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(r => r.Key.UserId));
            Assert.All(page.Items, r => Assert.Equal("emulator", r.Key.ChannelId));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(users, seen);
        Assert.Equal(3, pages);

        var everything = await References.ListAsync(new ReferencePageRequest(null, null, Limit: 100), default);
        Assert.Equal(14, everything.Items.Count);
        Assert.Null(everything.Next);
    }

    [Fact]
    public async Task The_count_is_one_per_user_and_channel()
    {
        Assert.Equal(0, await References.CountAsync(default));

        await References.UpsertNewestAsync(Reference(T0, userId: "user-ada"), default);
        await References.UpsertNewestAsync(Reference(T0.AddSeconds(1), userId: "user-ada"), default);
        await References.UpsertNewestAsync(Reference(T0, userId: "user-bob"), default);
        await References.UpsertNewestAsync(Reference(T0, userId: "user-bob", channelId: "msteams"), default);

        Assert.Equal(3, await References.CountAsync(default));
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_reference_and_only_theirs()
    {
        await References.UpsertNewestAsync(Reference(T0, userId: "user-ada"), default);
        await References.UpsertNewestAsync(Reference(T0, userId: "user-bob"), default);

        Assert.True(await References.DeleteAsync(ReferenceKey.For("Emulator", "user-ada"), default));
        Assert.False(await References.DeleteAsync(ReferenceKey.For("emulator", "user-ada"), default));

        Assert.Null(await References.FindAsync(ReferenceKey.For("emulator", "user-ada"), default));
        Assert.NotNull(await References.FindAsync(ReferenceKey.For("emulator", "user-bob"), default));
        Assert.Single((await References.ListAsync(new ReferencePageRequest(null, null, Limit: 10), default)).Items);
    }

    private static StoredReference Reference(DateTimeOffset at, string conversationId = "conv-1", string userId = "user-ada", string channelId = "emulator") =>
        StoredReference.From(StoredReferenceTests.Captured(at, conversationId, userId, channelId));
}
