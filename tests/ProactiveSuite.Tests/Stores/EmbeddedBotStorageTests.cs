using LiteDB;
using Microsoft.Bot.Builder;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>The IStorage contract on the embedded LiteDB file.</summary>
public sealed class EmbeddedBotStorageTests : BotStorageContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "psuite-botstate-" + Guid.NewGuid().ToString("N"));
    private LiteDatabase? _database;

    protected override Task<IStorage> CreateStorageAsync()
    {
        _database = StoreExtensions.OpenEmbeddedDatabase(Path.Combine(_directory, "store.litedb"));
        return Task.FromResult<IStorage>(new EmbeddedBotStorage(_database));
    }

    [Fact]
    public async Task Items_survive_reopening_the_file()
    {
        var path = Path.Combine(_directory, "reopen.litedb");
        using (var first = StoreExtensions.OpenEmbeddedDatabase(path))
        {
            await new EmbeddedBotStorage(first).WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "kept" } }, default);
        }

        using var second = StoreExtensions.OpenEmbeddedDatabase(path);
        Assert.Single(await new EmbeddedBotStorage(second).ReadAsync(["k"], default));
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
