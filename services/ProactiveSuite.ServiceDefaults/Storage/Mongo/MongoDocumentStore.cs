using System.Collections.Concurrent;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.ServiceDefaults.Storage.Mongo;

/// <summary>One service's MongoDB database: its collections, each opened once.</summary>
public sealed class MongoDocumentStore(IMongoDatabase database) : IDocumentStore
{
    private readonly ConcurrentDictionary<string, object> _collections = new();

    public IMongoDatabase Database => database;

    public IDocuments<T> Collection<T>(CollectionSpec spec)
        where T : class =>
        (IDocuments<T>)_collections.GetOrAdd(spec.Name, _ => new MongoDocuments<T>(database, spec));
}
