namespace ProactiveSuite.ServiceDefaults.Storage;

/// <summary>Which store keeps the services' data, bound from the <c>Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary><c>Embedded</c> (a LiteDB file: the single-process default) or <c>MongoDb</c> (production).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Embedded;

    /// <summary>The embedded store's file. Relative paths are resolved against the working directory.</summary>
    public string EmbeddedPath { get; set; } = "data/proactivesuite.litedb";

    /// <summary>The MongoDB connection string, e.g. <c>mongodb://localhost:27017</c>.</summary>
    public string MongoConnectionString { get; set; } = "mongodb://localhost:27017";

    /// <summary>The MongoDB database that holds every collection of ProactiveSuite.</summary>
    public string MongoDatabase { get; set; } = "proactivesuite";
}

public enum StoreProvider
{
    Embedded,
    MongoDb,
}
