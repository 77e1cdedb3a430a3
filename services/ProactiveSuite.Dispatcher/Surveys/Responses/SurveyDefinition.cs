using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>A survey as first started: the questions its results are counted against.</summary>
public sealed record SurveyDefinition(string SurveyId, string Title, IReadOnlyList<SurveyQuestion> Questions, DateTimeOffset FirstStartedAt)
{
    /// <param name="command">A command that passed <see cref="SurveyValidation"/>.</param>
    public static SurveyDefinition From(StartSurvey command, DateTimeOffset now) =>
        new(command.SurveyId!, command.Title!, command.Questions!, now);

    /// <summary>
    /// Whether <paramref name="other"/> asks the same questions: same ids, types and choices in the same order.
    /// Wording may change (a typo fixed); anything the counts depend on may not.
    /// </summary>
    public bool AsksTheSameAs(SurveyDefinition other) =>
        Questions.Count == other.Questions.Count
        && Questions.Zip(other.Questions).All(pair =>
            pair.First.Id == pair.Second.Id
            && pair.First.Type == pair.Second.Type
            && (pair.First.Choices ?? []).SequenceEqual(pair.Second.Choices ?? [], StringComparer.Ordinal));
}
