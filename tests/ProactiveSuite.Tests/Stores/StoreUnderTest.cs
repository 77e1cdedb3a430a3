using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

/// <summary>
/// One store adapter as the services get it: through <see cref="StoreExtensions.AddStore"/> and the
/// <c>Store</c> configuration section, on an empty database of its own.
/// </summary>
public abstract class StoreUnderTest : IAsyncDisposable
{
    /// <summary>The one owner of every store under test: they share its database, as a service's stores do.</summary>
    protected static readonly StoreOwner Owner = new("test");

    private readonly List<ServiceProvider> _providers = [];

    /// <summary>Why this adapter cannot be tested here, or null.</summary>
    public abstract string? NotRunReason { get; }

    /// <summary>What the tests on this adapter run against, as each test's output names it.</summary>
    public abstract string Backend { get; }

    /// <summary>Resolves a service's store adapter on this store, e.g. a fresh provider per call to reopen it.</summary>
    public TService Open<TService, TStore>()
        where TService : class
        where TStore : class, TService
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Configuration());
        builder.AddStore<TService, TStore>(Owner);
        var provider = builder.Services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<TService>();
    }

    /// <summary>Closes every adapter opened so far (the embedded file is then free to reopen).</summary>
    public async Task CloseAllAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _providers.Clear();
    }

    protected abstract Dictionary<string, string?> Configuration();

    public virtual async ValueTask DisposeAsync()
    {
        await CloseAllAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class EmbeddedStoreUnderTest : StoreUnderTest
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "psuite-store-" + Guid.NewGuid().ToString("N"));

    public override string? NotRunReason => null;

    public override string Backend => "Embedded: SQLite file in " + _directory;

    protected override Dictionary<string, string?> Configuration() => new()
    {
        ["Store:Provider"] = "Embedded",
        ["Store:EmbeddedDirectory"] = _directory,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>
/// MongoDB, the production store. It needs a server: <c>MONGODB_URI</c> (e.g. <c>mongodb://localhost:27017</c>);
/// tests/run.sh sets it to its MongoDB wire emulator (tests/mongo-emulator) unless a real server is given, and
/// names that server in <c>MONGODB_BACKEND</c>. Without <c>MONGODB_URI</c> (a bare <c>dotnet test</c>) every test
/// on it is reported as skipped with that reason, so a run never passes them silently.
/// </summary>
public sealed class MongoStoreUnderTest : StoreUnderTest
{
    public const string NotRun = "NOT RUN: MongoDB store tests need a MongoDB server; set MONGODB_URI (e.g. mongodb://localhost:27017) to run them, or run tests/run.sh, which starts its MongoDB wire emulator.";

    private static readonly string? Uri = Environment.GetEnvironmentVariable("MONGODB_URI");
    private readonly string _database = "psuite_test_" + Guid.NewGuid().ToString("N");

    public override string? NotRunReason => string.IsNullOrWhiteSpace(Uri) ? NotRun : null;

    // The hosts only: a connection string may carry a password.
    public override string Backend =>
        Environment.GetEnvironmentVariable("MONGODB_BACKEND") is { Length: > 0 } named ? named
        : NotRunReason is null ? "MongoDB: server at " + string.Join(",", new MongoUrl(Uri).Servers)
        : "MongoDB: none";

    protected override Dictionary<string, string?> Configuration() => new()
    {
        ["Store:Provider"] = "MongoDb",
        ["Store:MongoConnectionString"] = Uri,
        ["Store:MongoDatabase"] = _database,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (NotRunReason is null)
        {
            using var client = new MongoClient(Uri);
            await client.DropDatabaseAsync(new StoreOptions { MongoDatabase = _database }.MongoDatabaseOf(Owner));
        }
    }
}
