using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Cli.Surveys;

/// <summary>
/// A question from the command line: <c>"How was lunch?|Great|OK|Bad"</c> is a choice question,
/// text alone a free-text one. Ids follow the order: q1, q2, ...
/// </summary>
public static class SurveyQuestionReader
{
    public static IReadOnlyList<SurveyQuestion> Read(IReadOnlyList<string> questions) =>
        questions.Select((question, i) =>
        {
            var parts = question.Split('|', StringSplitOptions.TrimEntries);
            var id = $"q{i + 1}";
            return parts.Length == 1
                ? new SurveyQuestion { Id = id, Text = parts[0], Type = SurveyQuestionTypes.FreeText }
                : new SurveyQuestion { Id = id, Text = parts[0], Type = SurveyQuestionTypes.Choice, Choices = parts[1..].Where(c => c.Length > 0).ToList() };
        }).ToList();
}
