using System.Globalization;
using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;

namespace ProactiveSuite.Conversations.Surveys;

/// <summary>
/// A survey as a conversation flow: it asks its questions in order, takes one answer per message (asking
/// again when a choice answer is not a choice), and ends after the last answer or when the user types
/// <c>done</c>, publishing <see cref="SurveyAnswered"/> per answer and <see cref="SurveyCompleted"/> at the end.
/// </summary>
public sealed class SurveyFlow : IConversationFlow
{
    public const string FlowName = "survey";
    public const int MaxAnswerLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => FlowName;

    public static string FrameId(string surveyId) => "survey:" + surveyId;

    /// <summary>The frame of a survey about to start; <paramref name="command"/> has passed validation.</summary>
    public static FlowFrame Begin(StartSurvey command, string conversationId, DateTimeOffset now, TimeSpan expiresAfter)
    {
        var progress = new SurveyProgress(
            command.SurveyId!, command.Title!, command.Recipient!, conversationId, command.Questions!, [], now, now + expiresAfter);
        return FrameOf(progress);
    }

    /// <summary>The survey's state in a frame of this flow, or null for a frame of another flow.</summary>
    public static SurveyProgress? ProgressOf(FlowFrame? frame) =>
        frame?.Flow == FlowName ? JsonSerializer.Deserialize<SurveyProgress>(frame.State, Json) : null;

    public FlowStep Handle(FlowFrame frame, UserMessage message, DateTimeOffset now)
    {
        var survey = ProgressOf(frame)!;
        var answer = (message.SubmittedValue("answer") ?? message.Text)?.Trim() ?? "";

        if (string.Equals(answer, SurveyPrompts.DoneWord, StringComparison.OrdinalIgnoreCase))
        {
            return Completed(survey, endedEarly: true, now);
        }

        if (answer.Length == 0)
        {
            return FlowStep.Stay(frame, SurveyPrompts.Question(survey));
        }

        var question = survey.CurrentQuestion;
        string accepted;
        if (question.Type == SurveyQuestionTypes.Choice)
        {
            if (ChoiceFor(question.Choices!, answer) is not { } choice)
            {
                return FlowStep.Stay(frame, SurveyPrompts.NotAChoice(answer), SurveyPrompts.Question(survey));
            }

            accepted = choice;
        }
        else
        {
            accepted = answer.Length > MaxAnswerLength ? answer[..MaxAnswerLength] : answer;
        }

        var answered = new SurveyAnswered(survey.SurveyId, survey.Recipient, survey.ConversationId, question.Id!, accepted, now);
        if (survey.IsLastQuestion)
        {
            var last = Completed(survey.With(new SurveyAnswer(question.Id!, accepted)), endedEarly: false, now);
            return last with { Events = [answered, .. last.Events] };
        }

        var next = survey.With(new SurveyAnswer(question.Id!, accepted));
        return new FlowStep(FrameOf(next), [SurveyPrompts.Question(next)], [answered]);
    }

    /// <summary>Nothing interrupts a survey, but a redelivered message asks its question again.</summary>
    public IReadOnlyList<string> PickUp(FlowFrame frame) => [SurveyPrompts.Question(ProgressOf(frame)!)];

    public FlowEnding Expire(FlowFrame frame, DateTimeOffset now)
    {
        var survey = ProgressOf(frame)!;
        return new FlowEnding([SurveyPrompts.Expired(survey)], [ExpiredEvent(survey, now)]);
    }

    public static SurveyExpired ExpiredEvent(SurveyProgress survey, DateTimeOffset now) =>
        new(survey.SurveyId, survey.Recipient, survey.ConversationId, survey.Answers, survey.ExpiresAt, now);

    /// <summary>
    /// A choice answer is the choice's text (any case) or its number. The text is tried first, so that a
    /// choice that is itself a number (e.g. a rating 1 to 5) means what it says.
    /// </summary>
    public static string? ChoiceFor(IReadOnlyList<string> choices, string answer)
    {
        var trimmed = answer.Trim();
        if (choices.FirstOrDefault(c => string.Equals(c.Trim(), trimmed, StringComparison.OrdinalIgnoreCase)) is { } byText)
        {
            return byText;
        }

        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count
            ? choices[number - 1]
            : null;
    }

    private static FlowStep Completed(SurveyProgress survey, bool endedEarly, DateTimeOffset now) => new(
        null,
        [endedEarly ? SurveyPrompts.EndedEarly(survey) : SurveyPrompts.Completed(survey)],
        [new SurveyCompleted(survey.SurveyId, survey.Recipient, survey.ConversationId, survey.Answers, endedEarly, now)]);

    private static FlowFrame FrameOf(SurveyProgress progress) =>
        new(FrameId(progress.SurveyId), FlowName, JsonSerializer.Serialize(progress, Json), progress.ExpiresAt);
}
