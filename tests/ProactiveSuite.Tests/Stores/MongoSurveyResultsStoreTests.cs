using MongoDB.Driver;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Dispatcher.Surveys.Responses.Stores;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>The survey results store contract on MongoDB; skipped, with the reason, without <c>MONGODB_URI</c>.</summary>
public sealed class MongoSurveyResultsStoreTests : SurveyResultsStoreContract
{
    private static readonly string? Uri = Environment.GetEnvironmentVariable("MONGODB_URI");
    private readonly string _databaseName = "psuite_test_" + Guid.NewGuid().ToString("N");
    private MongoClient? _client;

    public override ValueTask InitializeAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Uri), MongoStoreTests.NotRun);
        return base.InitializeAsync();
    }

    protected override Task<ISurveyResultsStore> CreateStoreAsync()
    {
        _client = new MongoClient(Uri);
        return Task.FromResult<ISurveyResultsStore>(new MongoSurveyResultsStore(StoreExtensions.CreateMongoDatabase(_client, _databaseName)));
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
