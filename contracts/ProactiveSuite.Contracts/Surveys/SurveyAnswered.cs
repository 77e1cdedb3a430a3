using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Contracts.Surveys;

/// <summary>Event: the user answered one question of a survey (published once per accepted answer).</summary>
/// <param name="SurveyId">The survey's id.</param>
/// <param name="Recipient">Who answered.</param>
/// <param name="ConversationId">The conversation the survey runs in.</param>
/// <param name="QuestionId">The question answered.</param>
/// <param name="Answer">The answer; for a choice question, the choice as the survey spells it.</param>
/// <param name="AnsweredAt">When the Gateway took the answer.</param>
public sealed record SurveyAnswered(
    string SurveyId,
    Recipient Recipient,
    string ConversationId,
    string QuestionId,
    string Answer,
    DateTimeOffset AnsweredAt);
