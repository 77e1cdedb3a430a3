namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>
/// The surveys' definitions and responses, from which their results are counted. Written by the
/// Dispatcher only: definitions when a survey starts, responses from the survey events.
/// </summary>
public interface ISurveyResultsStore
{
    /// <summary>Keeps the first definition of a survey id; returns the stored one (this one, or an earlier one).</summary>
    Task<SurveyDefinition> RecordDefinitionAsync(SurveyDefinition definition, CancellationToken cancellationToken);

    Task<SurveyDefinition?> FindDefinitionAsync(string surveyId, CancellationToken cancellationToken);

    /// <summary>
    /// Folds <paramref name="news"/> into the respondent's response (<see cref="SurveyResponse.Merge"/>).
    /// May throw <c>ETagConflictException</c> when another writer changed the response meanwhile; nothing is
    /// written then, and the caller tries again (the consumer's retry does).
    /// </summary>
    Task RecordAsync(ResponseNews news, CancellationToken cancellationToken);

    /// <summary>Deletes every response of one respondent, to any survey; idempotent. Definitions hold no user data and stay.</summary>
    /// <returns>How many responses were deleted.</returns>
    /// <param name="respondent">The user's <c>UserKey.Value</c>.</param>
    Task<int> EraseRespondentAsync(string respondent, CancellationToken cancellationToken);

    /// <summary>Every response to a survey, in key order.</summary>
    Task<IReadOnlyList<SurveyResponse>> ResponsesAsync(string surveyId, CancellationToken cancellationToken);
}
