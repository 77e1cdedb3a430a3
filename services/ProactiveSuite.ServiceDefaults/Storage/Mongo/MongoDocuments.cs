using MongoDB.Bson;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.ServiceDefaults.Storage.Mongo;

/// <summary>
/// A collection in MongoDB, each operation one server-side atomic command (an insert, a filtered replace, a
/// findAndModify with <c>$set</c>/<c>$inc</c>); a taken key is the duplicate-key error.
/// </summary>
internal sealed class MongoDocuments<T> : IDocuments<T>
    where T : class
{
    private const int DuplicateKey = 11000;
    private readonly IMongoCollection<BsonDocument> _documents;
    private readonly Lazy<Task> _indexes;

    public MongoDocuments(IMongoDatabase database, CollectionSpec spec)
    {
        _documents = database.GetCollection<BsonDocument>(spec.Name);
        _indexes = new Lazy<Task>(() => spec.Indexes.Length == 0 ? Task.CompletedTask : _documents.Indexes.CreateManyAsync(spec.Indexes.Select(fields =>
        {
            var keys = new BsonDocument();
            foreach (var field in fields)
            {
                keys[field] = 1;
            }

            return new CreateIndexModel<BsonDocument>(keys);
        })));
    }

    public async Task<T?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var document = await _documents.Find(new BsonDocument("_id", id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : MongoQuery.Read<T>(document);
    }

    public async Task<IReadOnlyList<T>> FindAsync(Filter filter, Sort sort, int limit, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var documents = await _documents.Find(MongoQuery.Where(filter)).Sort(MongoQuery.Sort(sort)).Limit(limit).ToListAsync(cancellationToken);
        return [.. documents.Select(MongoQuery.Read<T>)];
    }

    // Without a filter, the estimate reads the collection's metadata, not its documents: cheap enough for a gauge.
    public async Task<long> CountAsync(Filter? filter, CancellationToken cancellationToken) =>
        filter is null
            ? await _documents.EstimatedDocumentCountAsync(cancellationToken: cancellationToken)
            : await _documents.CountDocumentsAsync(MongoQuery.Where(filter), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<(IReadOnlyList<string?> Values, int Count)>> CountByAsync(Filter filter, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var key = new BsonDocument();
        for (var i = 0; i < fields.Count; i++)
        {
            key["f" + i] = "$" + fields[i];
        }

        // A $match and a $group with $sum: counted in the server, nothing but the groups comes back.
        var groups = await _documents.Aggregate()
            .Match(MongoQuery.Where(filter))
            .Group(new BsonDocument { ["_id"] = key, ["count"] = new BsonDocument("$sum", 1) })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => ((IReadOnlyList<string?>)[.. fields.Select((_, i) =>
            g["_id"].AsBsonDocument.TryGetValue("f" + i, out var value) && !value.IsBsonNull ? value.ToString() : null)], g["count"].ToInt32()))];
    }

    public async Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        try
        {
            await _documents.InsertOneAsync(MongoQuery.Document(id, document), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
    }

    public async Task<bool> ReplaceAsync(string id, T document, Filter? condition, bool upsert, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        try
        {
            // With upsert, a stored document that does not match makes the server try an insert of its key: refused.
            var result = await _documents.ReplaceOneAsync(MongoQuery.Where(id, condition), MongoQuery.Document(id, document), new ReplaceOptions { IsUpsert = upsert }, cancellationToken);
            return result.MatchedCount == 1 || result.UpsertedId is not null;
        }
        catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
    }

    public async Task<T?> UpdateAsync(string id, Filter? condition, Update update, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var changed = await _documents.FindOneAndUpdateAsync<BsonDocument>(
            MongoQuery.Where(id, condition), MongoQuery.Set(update), new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken);
        return changed is null ? null : MongoQuery.Read<T>(changed);
    }

    public async Task<T?> UpsertAsync(string id, T initial, Filter condition, Update update, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var changes = MongoQuery.Set(update);
        var touched = update.Changes.Select(c => c.Field.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var onInsert = new BsonDocument(MongoQuery.Document(id, initial).Where(e => e.Name != "_id" && !touched.Contains(e.Name)));
        if (onInsert.ElementCount > 0)
        {
            changes["$setOnInsert"] = onInsert;
        }

        try
        {
            var changed = await _documents.FindOneAndUpdateAsync<BsonDocument>(
                MongoQuery.Where(id, condition), changes, new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, cancellationToken);
            return MongoQuery.Read<T>(changed);
        }
        catch (MongoCommandException e) when (e.Code == DuplicateKey)
        {
            // Stored, and not matching: the upsert tried to insert a second document with its key.
            return null;
        }
    }

    public async Task<IReadOnlyList<T>> ClaimAsync(Filter filter, Sort sort, int max, Update claim, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        // One findAndModify per document: replicas polling together never claim the same one.
        var options = new FindOneAndUpdateOptions<BsonDocument> { Sort = MongoQuery.Sort(sort), ReturnDocument = ReturnDocument.After };
        var claimed = new List<T>();
        while (claimed.Count < max && await _documents.FindOneAndUpdateAsync<BsonDocument>(MongoQuery.Where(filter), MongoQuery.Set(claim), options, cancellationToken) is { } document)
        {
            claimed.Add(MongoQuery.Read<T>(document));
        }

        return claimed;
    }

    public async Task<int> DeleteAsync(Filter filter, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        return (int)(await _documents.DeleteManyAsync(MongoQuery.Where(filter), cancellationToken)).DeletedCount;
    }
}
