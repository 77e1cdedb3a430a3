using LiteDB;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Dispatcher.Surveys.Responses.Stores;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>The survey results store contract on the embedded LiteDB file.</summary>
public sealed class EmbeddedSurveyResultsStoreTests : SurveyResultsStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "psuite-results-" + Guid.NewGuid().ToString("N"));
    private LiteDatabase? _database;

    protected override Task<ISurveyResultsStore> CreateStoreAsync()
    {
        _database = StoreExtensions.OpenEmbeddedDatabase(Path.Combine(_directory, "store.litedb"));
        return Task.FromResult<ISurveyResultsStore>(new EmbeddedSurveyResultsStore(_database));
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
