using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Conversations.Surveys;

/// <summary>The state of one survey in one conversation: its questions and the answers so far.</summary>
/// <param name="SurveyId">The survey's id.</param>
/// <param name="Title">The survey's title.</param>
/// <param name="Recipient">Who is asked, as the command named them.</param>
/// <param name="ConversationId">The conversation the survey runs in.</param>
/// <param name="Questions">The questions, in order; validated before the survey started.</param>
/// <param name="Answers">The answers so far, in question order: the next question is <c>Questions[Answers.Count]</c>.</param>
/// <param name="StartedAt">When it was pushed onto the conversation.</param>
/// <param name="ExpiresAt">When it expires unless finished.</param>
public sealed record SurveyProgress(
    string SurveyId,
    string Title,
    Recipient Recipient,
    string ConversationId,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<SurveyAnswer> Answers,
    DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt)
{
    public SurveyQuestion CurrentQuestion => Questions[Answers.Count];

    public bool IsLastQuestion => Answers.Count == Questions.Count - 1;

    public SurveyProgress With(SurveyAnswer answer) => this with { Answers = [.. Answers, answer] };
}
