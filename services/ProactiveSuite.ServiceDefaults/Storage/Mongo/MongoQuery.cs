using System.Text.Json;
using MongoDB.Bson;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.ServiceDefaults.Storage.Mongo;

/// <summary>Filters, updates and documents as MongoDB's BSON: the same fields, compared by the server.</summary>
internal static class MongoQuery
{
    public static BsonDocument Where(Filter filter) => filter switch
    {
        Filter.Compare c => new BsonDocument(c.Field, c.Operator switch
        {
            Filter.Comparison.Eq => Value(c.Value),
            Filter.Comparison.Lt => new BsonDocument("$lt", Value(c.Value)),
            Filter.Comparison.Lte => new BsonDocument("$lte", Value(c.Value)),
            _ => new BsonDocument("$gt", Value(c.Value)),
        }),
        Filter.Null n => Null(n.Field, n.IsNullWanted),
        Filter.OneOf o => new BsonDocument(o.Field, new BsonDocument("$in", new BsonArray(o.Values.Select(Value)))),
        Filter.Holds h => new BsonDocument(h.Field, Value(h.Value)),
        Filter.All a => new BsonDocument("$and", new BsonArray { Where(a.Left), Where(a.Right) }),
        Filter.Any a => new BsonDocument("$or", new BsonArray { Where(a.Left), Where(a.Right) }),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    // Spelled so that a null parent (copy: null for copy.readAt) means a null field on every server, not
    // only on MongoDB: the test emulator (mongomock) matches "$ne: null" there and not ": null".
    private static BsonDocument Null(string field, bool wanted)
    {
        if (!wanted)
        {
            return new BsonDocument(field, new BsonDocument { { "$exists", true }, { "$ne", BsonNull.Value } });
        }

        var parents = field.Split('.')[..^1].Select((_, i) => string.Join('.', field.Split('.')[..(i + 1)]));
        return parents.Any()
            ? new BsonDocument("$or", new BsonArray(parents.Append(field).Select(path => new BsonDocument(path, BsonNull.Value))))
            : new BsonDocument(field, BsonNull.Value);
    }

    // The key at the top level, beside the condition's operators: an upsert takes its _id from there.
    public static BsonDocument Where(string id, Filter? condition) =>
        condition is null ? new BsonDocument("_id", id) : new BsonDocument("_id", id).AddRange(Where(condition));

    public static BsonDocument Set(Update update)
    {
        var set = new BsonDocument();
        var inc = new BsonDocument();
        foreach (var (field, value, increment) in update.Changes)
        {
            (increment ? inc : set)[field] = Value(value);
        }

        var changes = new BsonDocument();
        if (set.ElementCount > 0)
        {
            changes["$set"] = set;
        }

        if (inc.ElementCount > 0)
        {
            changes["$inc"] = inc;
        }

        return changes;
    }

    public static BsonDocument Sort(Sort sort) => new(sort.Field, sort.Descending ? -1 : 1);

    public static BsonDocument Document<T>(string id, T document)
    {
        var bson = new BsonDocument("_id", id);
        bson.AddRange(BsonDocument.Parse(JsonSerializer.Serialize(document, StoredJson.Options)));
        return bson;
    }

    // The key is not part of T: System.Text.Json skips "_id" as an unknown property.
    public static T Read<T>(BsonDocument document) =>
        JsonSerializer.Deserialize<T>(document.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }), StoredJson.Options)
        ?? throw new InvalidDataException($"Document {document.GetValue("_id", BsonNull.Value)} is empty.");

    private static BsonValue Value(object? value) => value switch
    {
        null => BsonNull.Value,
        string text => new BsonString(text),
        long number when number is >= int.MinValue and <= int.MaxValue => new BsonInt32((int)number),
        long number => new BsonInt64(number),
        double number => new BsonDouble(number),
        bool flag => flag ? BsonBoolean.True : BsonBoolean.False,
        StoredJsonText { Json: ['{', ..] } text => BsonDocument.Parse(text.Json),
        StoredJsonText text => BsonDocument.Parse($"{{\"v\":{text.Json}}}")["v"],
        _ => throw new NotSupportedException(value.GetType().Name),
    };
}
