using ProactiveSuite.Registry.References;
using ProactiveSuite.Tests.Registry;

namespace ProactiveSuite.Tests.Stores;

/// <summary>
/// What every <see cref="IConversationReferenceStore"/> adapter must do. Each adapter runs this same
/// suite, so the embedded default and MongoDB cannot drift apart.
/// </summary>
public abstract class ConversationReferenceStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    protected IConversationReferenceStore Store { get; private set; } = null!;

    /// <summary>A new, empty store of the adapter under test.</summary>
    protected abstract Task<IConversationReferenceStore> CreateStoreAsync();

    public virtual async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_stored_reference_is_found_by_its_key()
    {
        var reference = Reference(T0);
        Assert.Equal(UpsertOutcome.Stored, await Store.UpsertNewestAsync(reference, default));

        var found = await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);

        Assert.NotNull(found);
        Assert.Equal(reference.Address, found.Address);
        Assert.Equal(reference.LastActivityAt, found.LastActivityAt);
        Assert.Equal(reference.LastActivityId, found.LastActivityId);
        Assert.Equal(reference.LastActivityType, found.LastActivityType);
    }

    [Fact]
    public async Task An_unknown_key_finds_nothing() =>
        Assert.Null(await Store.FindAsync(ReferenceKey.For("emulator", "nobody"), default));

    [Fact]
    public async Task A_newer_activity_replaces_the_stored_reference()
    {
        await Store.UpsertNewestAsync(Reference(T0, "conv-old"), default);

        Assert.Equal(UpsertOutcome.Stored, await Store.UpsertNewestAsync(Reference(T0.AddSeconds(1), "conv-new"), default));

        var found = await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default);
        Assert.Equal("conv-new", found!.Address.Conversation.Id);
    }

    [Fact]
    public async Task An_older_activity_changes_nothing()
    {
        await Store.UpsertNewestAsync(Reference(T0, "conv-new"), default);

        Assert.Equal(UpsertOutcome.Stale, await Store.UpsertNewestAsync(Reference(T0.AddSeconds(-1), "conv-old"), default));

        Assert.Equal("conv-new", (await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task A_replayed_activity_changes_nothing()
    {
        await Store.UpsertNewestAsync(Reference(T0, "conv-1"), default);

        Assert.Equal(UpsertOutcome.Stale, await Store.UpsertNewestAsync(Reference(T0, "conv-replayed"), default));

        Assert.Equal("conv-1", (await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task Racing_captures_leave_the_newest_whatever_order_they_land_in()
    {
        var captures = Enumerable.Range(0, 40).Select(i => Reference(T0.AddSeconds(i), $"conv-{i}")).Reverse().ToList();

        await Parallel.ForEachAsync(captures, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, ct) => await Store.UpsertNewestAsync(r, ct));

        Assert.Equal("conv-39", (await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task User_ids_that_differ_only_in_case_are_different_users()
    {
        await Store.UpsertNewestAsync(Reference(T0, "conv-lower", userId: "user-x"), default);
        await Store.UpsertNewestAsync(Reference(T0, "conv-upper", userId: "USER-X"), default);

        Assert.Equal("conv-lower", (await Store.FindAsync(ReferenceKey.For("emulator", "user-x"), default))!.Address.Conversation.Id);
        Assert.Equal("conv-upper", (await Store.FindAsync(ReferenceKey.For("emulator", "USER-X"), default))!.Address.Conversation.Id);
    }

    [Fact]
    public async Task Pages_list_every_reference_once_and_can_be_limited_to_a_channel()
    {
        var users = Enumerable.Range(0, 7).Select(i => $"user-{i}").ToList();
        foreach (var user in users)
        {
            await Store.UpsertNewestAsync(Reference(T0, "conv-" + user, userId: user), default);
            await Store.UpsertNewestAsync(Reference(T0, "conv-" + user, userId: user, channelId: "msteams"), default);
        }

        var seen = new List<string>();
        ReferenceKey? after = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync(new ReferencePageRequest("emulator", after, Limit: 3), default);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(r => r.Key.UserId));
            Assert.All(page.Items, r => Assert.Equal("emulator", r.Key.ChannelId));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(users, seen);
        Assert.Equal(3, pages);

        var everything = await Store.ListAsync(new ReferencePageRequest(null, null, Limit: 100), default);
        Assert.Equal(14, everything.Items.Count);
        Assert.Null(everything.Next);
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_reference_and_only_theirs()
    {
        await Store.UpsertNewestAsync(Reference(T0, userId: "user-ada"), default);
        await Store.UpsertNewestAsync(Reference(T0, userId: "user-bob"), default);

        Assert.True(await Store.DeleteAsync(ReferenceKey.For("Emulator", "user-ada"), default));
        Assert.False(await Store.DeleteAsync(ReferenceKey.For("emulator", "user-ada"), default));

        Assert.Null(await Store.FindAsync(ReferenceKey.For("emulator", "user-ada"), default));
        Assert.NotNull(await Store.FindAsync(ReferenceKey.For("emulator", "user-bob"), default));
        Assert.Single((await Store.ListAsync(new ReferencePageRequest(null, null, Limit: 10), default)).Items);
    }

    private static StoredReference Reference(DateTimeOffset at, string conversationId = "conv-1", string userId = "user-ada", string channelId = "emulator") =>
        StoredReference.From(NewestWinsTests.Captured(at, conversationId, userId, channelId));
}
