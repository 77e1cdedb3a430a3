using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.Members;
using ProactiveSuite.Registry.Members.Stores;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Tests.Stores;

public sealed class KnownMembersOnEmbeddedStore() : KnownMemberStoreContract(new EmbeddedStoreUnderTest());

public sealed class KnownMembersOnMongoDb() : KnownMemberStoreContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="IKnownMemberStore"/> adapter must do, on each engine.</summary>
public abstract class KnownMemberStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private IKnownMemberStore Members { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Members = Store.Open<IKnownMemberStore, KnownMemberStore>();
    }

    [Fact]
    public async Task The_newest_sighting_wins_and_is_found_alone_or_in_a_batch()
    {
        Assert.Equal(UpsertOutcome.Stored, await Members.UpsertNewestAsync(Member("ada", T0, "tenant-old"), default));
        Assert.Equal(UpsertOutcome.Stored, await Members.UpsertNewestAsync(Member("ada", T0.AddSeconds(1), "tenant-new"), default));
        Assert.Equal(UpsertOutcome.Stale, await Members.UpsertNewestAsync(Member("ada", T0, "tenant-old"), default));
        await Members.UpsertNewestAsync(Member("grace", T0, "tenant-1"), default);

        var ada = await Members.FindAsync(ReferenceKey.For("msteams", "ada"), default);
        Assert.Equal(Member("ada", T0.AddSeconds(1), "tenant-new"), ada);
        var batch = await Members.FindManyAsync([ReferenceKey.For("msteams", "ada"), ReferenceKey.For("msteams", "grace"), ReferenceKey.For("msteams", "nobody")], default);
        Assert.Equal(["ada", "grace"], batch.Select(m => m.Member.UserId).Order());
    }

    [Fact]
    public async Task Erasure_deletes_the_users_record_only()
    {
        await Members.UpsertNewestAsync(Member("ada", T0, "tenant-1"), default);
        await Members.UpsertNewestAsync(Member("grace", T0, "tenant-1"), default);

        Assert.True(await Members.DeleteAsync(ReferenceKey.For("msteams", "ada"), default));
        Assert.False(await Members.DeleteAsync(ReferenceKey.For("msteams", "ada"), default));

        Assert.Null(await Members.FindAsync(ReferenceKey.For("msteams", "ada"), default));
        Assert.NotNull(await Members.FindAsync(ReferenceKey.For("msteams", "grace"), default));
    }

    private static StoredMember Member(string userId, DateTimeOffset at, string tenant) => new(
        new KnownMember("msteams", userId, "aad-" + userId, tenant, "https://smba.trafficmanager.net/emea/", new ParticipantInfo("28:bot", "ProactiveBot", null), at),
        at);
}
