using Microsoft.Bot.Builder;
using MongoDB.Driver;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>The IStorage contract on MongoDB; skipped, with the reason, without <c>MONGODB_URI</c>.</summary>
public sealed class MongoBotStorageTests : BotStorageContract
{
    private static readonly string? Uri = Environment.GetEnvironmentVariable("MONGODB_URI");
    private readonly string _databaseName = "psuite_test_" + Guid.NewGuid().ToString("N");
    private MongoClient? _client;

    public override ValueTask InitializeAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Uri), MongoStoreTests.NotRun);
        return base.InitializeAsync();
    }

    protected override Task<IStorage> CreateStorageAsync()
    {
        _client = new MongoClient(Uri);
        return Task.FromResult<IStorage>(new MongoBotStorage(StoreExtensions.CreateMongoDatabase(_client, _databaseName)));
    }

    public override async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DropDatabaseAsync(_databaseName);
            _client.Dispose();
        }

        await base.DisposeAsync();
    }
}
