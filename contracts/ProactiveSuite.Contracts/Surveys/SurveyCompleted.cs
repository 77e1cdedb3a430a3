using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>
/// Event: a survey ended because the user answered its last question or typed <c>done</c>; the
/// conversation went back to what the survey interrupted.
/// </summary>
/// <param name="SurveyId">The survey's id.</param>
/// <param name="Recipient">Who answered.</param>
/// <param name="ConversationId">The conversation the survey ran in.</param>
/// <param name="Answers">Every answer given, in question order.</param>
/// <param name="EndedEarly">True when the user typed <c>done</c> before the last question was answered.</param>
/// <param name="CompletedAt">When the survey ended.</param>
public sealed record SurveyCompleted(
    string SurveyId,
    Recipient Recipient,
    string ConversationId,
    IReadOnlyList<SurveyAnswer> Answers,
    bool EndedEarly,
    DateTimeOffset CompletedAt);
