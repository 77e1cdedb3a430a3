namespace ProactiveSuite.Contracts.Surveys;

/// <summary>A user's answer to one question.</summary>
/// <param name="QuestionId">The question's <see cref="SurveyQuestion.Id"/>.</param>
/// <param name="Answer">The text the user gave; for a choice question, the choice exactly as the survey spells it.</param>
public sealed record SurveyAnswer(string QuestionId, string Answer);
