using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>A survey's results over HTTP: counts per status and per choice, and every response.</summary>
public sealed record SurveyResults(
    string SurveyId,
    string Title,
    RespondentCounts Respondents,
    IReadOnlyList<QuestionResults> Questions,
    IReadOnlyList<ResponseView> Responses)
{
    public static SurveyResults Tally(SurveyDefinition definition, IReadOnlyList<SurveyResponse> responses)
    {
        var questions = definition.Questions.Select(q =>
        {
            var answers = responses.Select(r => r.Answers.GetValueOrDefault(q.Id!)).OfType<string>().ToList();
            return q.Type == SurveyQuestionTypes.Choice
                ? new QuestionResults(q.Id!, q.Text!, q.Type!, answers.Count, [.. q.Choices!.Select(c => new ChoiceCount(c, answers.Count(a => a == c)))], null)
                : new QuestionResults(q.Id!, q.Text!, q.Type!, answers.Count, null, answers);
        }).ToList();

        int Count(string status) => responses.Count(r => r.Status == status);
        var respondents = new RespondentCounts(
            responses.Count,
            Count(SurveyResponseStatus.InProgress),
            Count(SurveyResponseStatus.Completed),
            Count(SurveyResponseStatus.EndedEarly),
            Count(SurveyResponseStatus.Expired),
            Count(SurveyResponseStatus.Failed));

        var views = responses.Select(r => new ResponseView(
            r.ChannelId,
            r.UserId,
            r.ConversationId,
            r.Status,
            r.Reason,
            [.. definition.Questions.Where(q => r.Answers.ContainsKey(q.Id!)).Select(q => new SurveyAnswer(q.Id!, r.Answers[q.Id!]))],
            r.StartedAt,
            r.EndedAt)).ToList();

        return new SurveyResults(definition.SurveyId, definition.Title, respondents, questions, views);
    }
}

/// <summary>How many respondents are in each status.</summary>
public sealed record RespondentCounts(int Total, int InProgress, int Completed, int EndedEarly, int Expired, int Failed);

/// <summary>One question's answers: counts per choice for a choice question, the answers themselves for free text.</summary>
public sealed record QuestionResults(string Id, string Text, string Type, int Answered, IReadOnlyList<ChoiceCount>? Choices, IReadOnlyList<string>? Answers);

public sealed record ChoiceCount(string Choice, int Count);

/// <summary>One respondent's response.</summary>
public sealed record ResponseView(
    string ChannelId,
    string UserId,
    string? ConversationId,
    string Status,
    string? Reason,
    IReadOnlyList<SurveyAnswer> Answers,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
