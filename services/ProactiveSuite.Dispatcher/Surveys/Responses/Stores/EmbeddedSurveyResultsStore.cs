using System.Text.Json;
using LiteDB;
using ProactiveSuite.ServiceDefaults.Storage;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ProactiveSuite.Dispatcher.Surveys.Responses.Stores;

/// <summary>
/// Survey definitions and responses in the embedded LiteDB file, each kept as its JSON next to the fields it
/// is found by. A response's read-merge-write happens under the file's write gate, so it never conflicts.
/// </summary>
internal sealed class EmbeddedSurveyResultsStore : ISurveyResultsStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILiteCollection<BsonDocument> _definitions;
    private readonly ILiteCollection<BsonDocument> _responses;
    private readonly Lock _gate;

    public EmbeddedSurveyResultsStore(LiteDatabase database)
    {
        _definitions = database.GetCollection("surveyDefinitions");
        _responses = database.GetCollection("surveyResponses");
        _responses.EnsureIndex("surveyId");
        _responses.EnsureIndex("respondent");
        _gate = EmbeddedWriteGate.For(database);
    }

    public Task<SurveyDefinition> RecordDefinitionAsync(SurveyDefinition definition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_definitions.FindById(definition.SurveyId) is { } stored)
            {
                return Task.FromResult(Read<SurveyDefinition>(stored));
            }

            _definitions.Insert(new BsonDocument { ["_id"] = definition.SurveyId, ["json"] = JsonSerializer.Serialize(definition, Json) });
            return Task.FromResult(definition);
        }
    }

    public Task<SurveyDefinition?> FindDefinitionAsync(string surveyId, CancellationToken cancellationToken) =>
        Task.FromResult(_definitions.FindById(surveyId) is { } stored ? Read<SurveyDefinition>(stored) : null);

    public Task RecordAsync(ResponseNews news, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = _responses.FindById(news.Key) is { } document ? Read<SurveyResponse>(document) : null;
            var merged = SurveyResponse.Merge(stored, news);
            _responses.Upsert(new BsonDocument
            {
                ["_id"] = merged.Key,
                ["surveyId"] = merged.SurveyId,
                ["respondent"] = merged.Respondent,
                ["json"] = JsonSerializer.Serialize(merged, Json),
            });
        }

        return Task.CompletedTask;
    }

    public Task<int> EraseRespondentAsync(string respondent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_responses.DeleteMany(Query.EQ("respondent", respondent)));
        }
    }

    public Task<IReadOnlyList<SurveyResponse>> ResponsesAsync(string surveyId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SurveyResponse>>(
            [.. _responses.Query().Where(Query.EQ("surveyId", surveyId)).OrderBy("_id").ToList().Select(Read<SurveyResponse>)]);

    private static T Read<T>(BsonDocument document) =>
        JsonSerializer.Deserialize<T>(document["json"].AsString, Json)
        ?? throw new InvalidDataException($"Survey document {document["_id"]} is empty.");
}
