using System.Globalization;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>What a <see cref="StartSurvey"/> must hold before anything is pushed or sent.</summary>
public static class SurveyValidation
{
    public const int MaxSurveyIdLength = 200;
    public const int MaxTitleLength = 500;
    public const int MaxQuestions = 20;
    public const int MaxQuestionIdLength = 64;
    public const int MaxQuestionTextLength = 2000;
    public const int MaxChoices = 20;
    public const int MaxChoiceLength = 200;

    /// <summary>The longest expiry a command may ask for: 30 days.</summary>
    public const int MaxExpiresAfterSeconds = 30 * 24 * 60 * 60;

    /// <returns>Null when the survey can be started, else the first problem, phrased for the publisher.</returns>
    public static string? Problem(StartSurvey? command)
    {
        if (command is null)
        {
            return "the body must be a StartSurvey";
        }

        var problem = command switch
        {
            { SurveyId: null } or { SurveyId.Length: 0 } => "surveyId is required",
            { SurveyId.Length: > MaxSurveyIdLength } => $"surveyId is longer than {MaxSurveyIdLength} characters",
            _ when command.SurveyId.Contains('|', StringComparison.Ordinal) || command.SurveyId.Any(char.IsControl) => "surveyId must not contain '|' or control characters",
            { Recipient: null } => "recipient is required",
            { Recipient.ChannelId: null or "" } => "recipient.channelId is required",
            { Recipient.ConversationId: not null } =>
                "surveys are personal: recipient must be a user (userId), not a group chat or channel (conversationId), where everyone would see the questions and answers",
            _ when UserIds.Problem(command.Recipient!.UserId, "recipient.userId") is { } userIdProblem => userIdProblem,
            _ when string.IsNullOrWhiteSpace(command.Title) => "title is required",
            { Title.Length: > MaxTitleLength } => $"title is longer than {MaxTitleLength} characters",
            { Questions: null } or { Questions.Count: 0 } => "questions: a survey needs at least one question",
            { Questions.Count: > MaxQuestions } => $"more than {MaxQuestions} questions",
            { ExpiresAfterSeconds: <= 0 or > MaxExpiresAfterSeconds } => $"expiresAfterSeconds must be between 1 and {MaxExpiresAfterSeconds} (30 days)",
            _ => null,
        };
        return problem ?? QuestionsProblem(command.Questions!);
    }

    private static string? QuestionsProblem(IReadOnlyList<SurveyQuestion> questions)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (question is null)
            {
                return $"question {position} is empty";
            }

            if (string.IsNullOrEmpty(question.Id))
            {
                return $"question {position} has no id";
            }

            if (question.Id.Length > MaxQuestionIdLength || !question.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"question id '{question.Id}' may only use letters, digits, '-' and '_', at most {MaxQuestionIdLength} of them";
            }

            if (!ids.Add(question.Id))
            {
                return $"duplicate question id '{question.Id}'";
            }

            if ((TextProblem(question) ?? ChoicesProblem(question)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? TextProblem(SurveyQuestion question) => question switch
    {
        _ when string.IsNullOrWhiteSpace(question.Text) => $"question '{question.Id}' has no text",
        { Text.Length: > MaxQuestionTextLength } => $"question '{question.Id}' is longer than {MaxQuestionTextLength} characters",
        _ => null,
    };

    private static string? ChoicesProblem(SurveyQuestion question)
    {
        var choices = question.Choices ?? [];
        switch (question.Type)
        {
            case SurveyQuestionTypes.FreeText:
                return choices.Count > 0 ? $"question '{question.Id}' is free text but lists choices" : null;
            case SurveyQuestionTypes.Choice:
                break;
            default:
                return $"question '{question.Id}' has type '{question.Type}'; it must be '{SurveyQuestionTypes.FreeText}' or '{SurveyQuestionTypes.Choice}'";
        }

        if (choices.Count == 0)
        {
            return $"question '{question.Id}' is a choice question with no choices";
        }

        if (choices.Count == 1)
        {
            return $"question '{question.Id}' is a choice question with one choice; it needs at least two";
        }

        if (choices.Count > MaxChoices)
        {
            return $"question '{question.Id}' has more than {MaxChoices} choices";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var choice in choices)
        {
            if (string.IsNullOrWhiteSpace(choice))
            {
                return $"question '{question.Id}' has an empty choice";
            }

            if (choice.Length > MaxChoiceLength)
            {
                return $"question '{question.Id}' has a choice longer than {MaxChoiceLength} characters";
            }

            if (!seen.Add(choice.Trim()))
            {
                return $"question '{question.Id}' lists the choice '{choice.Trim()}' twice";
            }
        }

        return null;
    }
}
