using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ProactiveSuite.Dispatcher.Surveys.Responses.Stores;

/// <summary>
/// Survey definitions and responses in MongoDB, each kept as its JSON (like the embedded store) next to the
/// fields it is found by. A response's merge is written only if the response's version is still the one
/// read (else <see cref="ETagConflictException"/>, and the consumer's retry merges again), so two events
/// for the same respondent processed at once cannot erase each other's news.
/// </summary>
internal sealed class MongoSurveyResultsStore : ISurveyResultsStore
{
    private const int DuplicateKey = 11000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IMongoCollection<BsonDocument> _definitions;
    private readonly IMongoCollection<BsonDocument> _responses;
    private readonly Lazy<Task> _indexes;

    public MongoSurveyResultsStore(IMongoDatabase database)
    {
        _definitions = database.GetCollection<BsonDocument>("surveyDefinitions");
        _responses = database.GetCollection<BsonDocument>("surveyResponses");
        _indexes = new Lazy<Task>(() => _responses.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("surveyId"), new CreateIndexOptions { Name = "surveyId" }),
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("respondent"), new CreateIndexOptions { Name = "respondent" }),
        ]));
    }

    public async Task<SurveyDefinition> RecordDefinitionAsync(SurveyDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            await _definitions.InsertOneAsync(
                new BsonDocument { ["_id"] = definition.SurveyId, ["json"] = JsonSerializer.Serialize(definition, Json) },
                cancellationToken: cancellationToken);
            return definition;
        }
        catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
        {
            return await FindDefinitionAsync(definition.SurveyId, cancellationToken)
                ?? throw new InvalidOperationException($"Survey '{definition.SurveyId}' was stored and is gone again.", e);
        }
    }

    public async Task<SurveyDefinition?> FindDefinitionAsync(string surveyId, CancellationToken cancellationToken)
    {
        var stored = await _definitions.Find(ById(surveyId)).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : Read<SurveyDefinition>(stored);
    }

    public async Task RecordAsync(ResponseNews news, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var stored = await _responses.Find(ById(news.Key)).FirstOrDefaultAsync(cancellationToken);
        var merged = SurveyResponse.Merge(stored is null ? null : Read<SurveyResponse>(stored), news);
        var document = new BsonDocument
        {
            ["_id"] = merged.Key,
            ["surveyId"] = merged.SurveyId,
            ["respondent"] = merged.Respondent,
            ["version"] = Guid.NewGuid().ToString("N"),
            ["json"] = JsonSerializer.Serialize(merged, Json),
        };

        if (stored is null)
        {
            try
            {
                await _responses.InsertOneAsync(document, cancellationToken: cancellationToken);
            }
            catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
            {
                throw new ETagConflictException(news.Key, expectedETag: null);
            }

            return;
        }

        var version = stored["version"].AsString;
        var replaced = await _responses.ReplaceOneAsync(ById(news.Key) & Builders<BsonDocument>.Filter.Eq("version", version), document, cancellationToken: cancellationToken);
        if (replaced.MatchedCount == 0)
        {
            throw new ETagConflictException(news.Key, version);
        }
    }

    public async Task<int> EraseRespondentAsync(string respondent, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var deleted = await _responses.DeleteManyAsync(Builders<BsonDocument>.Filter.Eq("respondent", respondent), cancellationToken);
        return (int)deleted.DeletedCount;
    }

    public async Task<IReadOnlyList<SurveyResponse>> ResponsesAsync(string surveyId, CancellationToken cancellationToken)
    {
        await _indexes.Value;
        var documents = await _responses.Find(Builders<BsonDocument>.Filter.Eq("surveyId", surveyId))
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(Read<SurveyResponse>)];
    }

    private static FilterDefinition<BsonDocument> ById(string id) => Builders<BsonDocument>.Filter.Eq("_id", id);

    private static T Read<T>(BsonDocument document) =>
        JsonSerializer.Deserialize<T>(document["json"].AsString, Json)
        ?? throw new InvalidDataException($"Survey document {document["_id"]} is empty.");
}
