namespace ProactiveSuite.Contracts.Surveys;

/// <summary>One question of a <see cref="StartSurvey"/>.</summary>
public sealed record SurveyQuestion
{
    /// <summary>The question's id, unique within its survey: letters, digits, <c>-</c> and <c>_</c>, at most 64.</summary>
    public string? Id { get; init; }

    /// <summary>What the user is asked.</summary>
    public string? Text { get; init; }

    /// <summary>One of <see cref="SurveyQuestionTypes"/>: <c>freeText</c> or <c>choice</c>.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// The choices of a <c>choice</c> question (at least two, unique without regard to case); none for
    /// <c>freeText</c>. The user answers with a choice's text or its number (1 for the first).
    /// </summary>
    public IReadOnlyList<string>? Choices { get; init; }
}

/// <summary>The values of <see cref="SurveyQuestion.Type"/>.</summary>
public static class SurveyQuestionTypes
{
    /// <summary>Any non-empty text is an answer.</summary>
    public const string FreeText = "freeText";

    /// <summary>The answer must be one of the question's choices; anything else is asked again.</summary>
    public const string Choice = "choice";
}
