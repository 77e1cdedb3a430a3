using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>Erases a user's answers to every survey; the counted results then no longer include them.</summary>
internal sealed class SurveyResponseEraser(ISurveyResultsStore results) : IUserDataEraser
{
    public string Store => "surveyResponses";

    public Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        results.EraseRespondentAsync(user.Value, cancellationToken);
}
