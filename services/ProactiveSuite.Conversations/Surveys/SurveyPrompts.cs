using System.Globalization;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Conversations.Surveys;

/// <summary>What the survey says to the user.</summary>
public static class SurveyPrompts
{
    public const string DoneWord = "done";

    public static string Opening(SurveyProgress survey) =>
        $"Survey: {survey.Title}. Type '{DoneWord}' to stop at any time.{Environment.NewLine}{Environment.NewLine}{Question(survey)}";

    /// <summary>The current question, numbered, with its choices when it has some.</summary>
    public static string Question(SurveyProgress survey)
    {
        var question = survey.CurrentQuestion;
        var text = string.Create(CultureInfo.InvariantCulture, $"Question {survey.Answers.Count + 1} of {survey.Questions.Count}: {question.Text}");
        return question.Type == SurveyQuestionTypes.Choice
            ? $"{text} Choose one: {string.Join(", ", question.Choices!.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}) {c}")))}"
            : text;
    }

    public static string NotAChoice(string answer) => $"'{answer}' is not one of the choices.";

    public static string Completed(SurveyProgress survey) => $"Thank you for answering '{survey.Title}'.";

    public static string EndedEarly(SurveyProgress survey) => $"Thank you: your answers to '{survey.Title}' so far are recorded.";

    public static string Expired(SurveyProgress survey) => $"The survey '{survey.Title}' has expired.";

    public static string NotInProgress(string surveyId) => $"There is no survey '{surveyId}' in progress here, so that answer was not recorded.";
}
