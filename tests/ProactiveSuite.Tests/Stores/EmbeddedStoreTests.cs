using LiteDB;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>The store contract on the embedded LiteDB file.</summary>
public sealed class EmbeddedStoreTests : ConversationReferenceStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "psuite-store-" + Guid.NewGuid().ToString("N"));
    private LiteDatabase? _database;

    protected override Task<IConversationReferenceStore> CreateStoreAsync()
    {
        _database = StoreExtensions.OpenEmbeddedDatabase(Path.Combine(_directory, "store.litedb"));
        return Task.FromResult<IConversationReferenceStore>(new EmbeddedConversationReferenceStore(_database));
    }

    [Fact]
    public async Task References_survive_reopening_the_file()
    {
        var path = Path.Combine(_directory, "reopen.litedb");
        using (var first = StoreExtensions.OpenEmbeddedDatabase(path))
        {
            await new EmbeddedConversationReferenceStore(first).UpsertNewestAsync(
                StoredReference.From(Registry.NewestWinsTests.Captured(DateTimeOffset.UnixEpoch.AddDays(1))), default);
        }

        using var second = StoreExtensions.OpenEmbeddedDatabase(path);
        Assert.NotNull(await new EmbeddedConversationReferenceStore(second).FindAsync(ReferenceKey.For("emulator", "user-ada"), default));
    }

    public override ValueTask DisposeAsync()
    {
        _database?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return base.DisposeAsync();
    }
}
