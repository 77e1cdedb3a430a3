using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>
/// Event: a survey was still unfinished at its expiry. Noticed at the conversation's next event (the
/// user's next message, or the next survey started there), which then goes to what the survey interrupted.
/// </summary>
/// <param name="SurveyId">The survey's id.</param>
/// <param name="Recipient">Who was asked.</param>
/// <param name="ConversationId">The conversation the survey ran in.</param>
/// <param name="Answers">The answers given before it expired, in question order.</param>
/// <param name="ExpiresAt">When the survey expired.</param>
/// <param name="NoticedAt">When the expiry was noticed and the survey removed from the conversation.</param>
public sealed record SurveyExpired(
    string SurveyId,
    Recipient Recipient,
    string ConversationId,
    IReadOnlyList<SurveyAnswer> Answers,
    DateTimeOffset ExpiresAt,
    DateTimeOffset NoticedAt);
