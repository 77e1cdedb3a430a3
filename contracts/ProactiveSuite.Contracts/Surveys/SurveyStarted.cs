using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>Event: a survey took over the recipient's conversation and its first question was delivered.</summary>
/// <param name="SurveyId">The survey's id from <see cref="StartSurvey.SurveyId"/>.</param>
/// <param name="Recipient">Who is asked.</param>
/// <param name="ConversationId">The conversation the survey runs in.</param>
/// <param name="ActivityId">The connector's id of the message with the first question.</param>
/// <param name="ExpiresAt">When the survey expires if the user has not finished it.</param>
/// <param name="StartedAt">When the survey was pushed onto the conversation.</param>
public sealed record SurveyStarted(
    string SurveyId,
    Recipient Recipient,
    string ConversationId,
    string? ActivityId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset StartedAt);
