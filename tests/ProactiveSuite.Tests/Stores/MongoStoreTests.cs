using MongoDB.Driver;
using ProactiveSuite.Registry.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>
/// The store contract on MongoDB, the production store. It needs a server: set <c>MONGODB_URI</c>
/// (e.g. <c>mongodb://localhost:27017</c>). Without it every test here is reported as skipped, with
/// that reason, so a run never passes them silently.
/// </summary>
public sealed class MongoStoreTests : ConversationReferenceStoreContract
{
    public const string NotRun = "NOT RUN: MongoDB store tests need a MongoDB server; set MONGODB_URI (e.g. mongodb://localhost:27017) to run them.";

    private static readonly string? Uri = Environment.GetEnvironmentVariable("MONGODB_URI");
    private readonly string _databaseName = "psuite_test_" + Guid.NewGuid().ToString("N");
    private MongoClient? _client;

    public override ValueTask InitializeAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Uri), NotRun);
        return base.InitializeAsync();
    }

    protected override Task<IConversationReferenceStore> CreateStoreAsync()
    {
        _client = new MongoClient(Uri);
        return Task.FromResult<IConversationReferenceStore>(
            new MongoConversationReferenceStore(StoreExtensions.CreateMongoDatabase(_client, _databaseName)));
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
