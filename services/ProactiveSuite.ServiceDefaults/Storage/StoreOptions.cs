namespace ProactiveSuite.ServiceDefaults.Storage;

/// <summary>Which store keeps the services' data, bound from the <c>Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary><c>Embedded</c> (a SQLite file per service: the single-process default) or <c>MongoDb</c> (production).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Embedded;

    /// <summary>The embedded store's folder: each service keeps its own file there. Relative to the working directory.</summary>
    public string EmbeddedDirectory { get; set; } = "data";

    /// <summary>The MongoDB connection string, e.g. <c>mongodb://localhost:27017</c>.</summary>
    public string MongoConnectionString { get; set; } = "mongodb://localhost:27017";

    /// <summary>The prefix of the services' MongoDB databases: each service has its own, <c>{prefix}-{service}</c>.</summary>
    public string MongoDatabase { get; set; } = "proactivesuite";

    /// <summary>The embedded file that <paramref name="owner"/> alone writes.</summary>
    public string EmbeddedPathOf(StoreOwner owner) => Path.Combine(EmbeddedDirectory, $"{owner.Name}.db");

    /// <summary>The MongoDB database that <paramref name="owner"/> alone writes.</summary>
    public string MongoDatabaseOf(StoreOwner owner) => $"{MongoDatabase}-{owner.Name}";
}

public enum StoreProvider
{
    Embedded,
    MongoDb,
}
