using ProactiveSuite.ServiceDefaults.Storage;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Surveys.Responses.Stores;

/// <summary>
/// Survey definitions and responses. A response's merge is written only if the response's version is still
/// the one read (else <see cref="ETagConflictException"/>, and the consumer's retry merges again), so two
/// events for the same respondent processed at once cannot erase each other's news.
/// </summary>
internal sealed class SurveyResultsStore(IDocumentStore store) : ISurveyResultsStore
{
    private const string SurveyId = "response.surveyId";
    private const string Respondent = "respondent";
    private const string Version = "version";

    private readonly IDocuments<SurveyDefinition> _definitions = store.Collection<SurveyDefinition>(new CollectionSpec("surveyDefinitions"));
    private readonly IDocuments<StoredResponse> _responses = store.Collection<StoredResponse>(new CollectionSpec("surveyResponses", [SurveyId, Filter.Id], [Respondent]));

    public async Task<SurveyDefinition> RecordDefinitionAsync(SurveyDefinition definition, CancellationToken cancellationToken) =>
        await _definitions.InsertAsync(definition.SurveyId, definition, cancellationToken)
            ? definition
            : await FindDefinitionAsync(definition.SurveyId, cancellationToken) ?? throw new InvalidOperationException($"Survey '{definition.SurveyId}' was stored and is gone again.");

    public Task<SurveyDefinition?> FindDefinitionAsync(string surveyId, CancellationToken cancellationToken) =>
        _definitions.FindAsync(surveyId, cancellationToken);

    public async Task RecordAsync(ResponseNews news, CancellationToken cancellationToken)
    {
        var stored = await _responses.FindAsync(news.Key, cancellationToken);
        var merged = SurveyResponse.Merge(stored?.Response, news);
        var next = new StoredResponse(merged, merged.Respondent, Guid.NewGuid().ToString("N"));
        var written = stored is null
            ? await _responses.InsertAsync(news.Key, next, cancellationToken)
            : await _responses.ReplaceAsync(news.Key, next, Filter.Eq(Version, stored.Version), upsert: false, cancellationToken);
        if (!written)
        {
            throw new ETagConflictException(news.Key, stored?.Version);
        }
    }

    public Task<int> EraseRespondentAsync(string respondent, CancellationToken cancellationToken) =>
        _responses.DeleteAsync(Filter.Eq(Respondent, respondent), cancellationToken);

    public async Task<IReadOnlyList<SurveyResponse>> ResponsesAsync(string surveyId, CancellationToken cancellationToken) =>
        [.. (await _responses.FindAsync(Filter.Eq(SurveyId, surveyId), Sort.ById, int.MaxValue, cancellationToken)).Select(r => r.Response)];

    /// <summary>A response as stored: with the respondent it is erased by, and the version its next write is conditional on.</summary>
    internal sealed record StoredResponse(SurveyResponse Response, string Respondent, string Version);
}
