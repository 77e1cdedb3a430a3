using System.Text.Json.Serialization;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>One respondent's response to one survey, as the survey events told it.</summary>
/// <param name="SurveyId">The survey.</param>
/// <param name="ChannelId">The respondent's channel (lower case).</param>
/// <param name="UserId">The respondent.</param>
/// <param name="ConversationId">The conversation the survey ran in, once known.</param>
/// <param name="Status">One of <see cref="SurveyResponseStatus"/>.</param>
/// <param name="Reason">Why it failed, for <see cref="SurveyResponseStatus.Failed"/>.</param>
/// <param name="Answers">Answers by question id.</param>
/// <param name="StartedAt">When the survey started in the conversation.</param>
/// <param name="EndedAt">When it completed, ended early or expired.</param>
public sealed record SurveyResponse(
    string SurveyId,
    string ChannelId,
    string UserId,
    string? ConversationId,
    string Status,
    string? Reason,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>The store key: survey ids and channel ids hold no '|', so it is unambiguous.</summary>
    [JsonIgnore]
    public string Key => KeyOf(SurveyId, ChannelId, UserId);

    public static string KeyOf(string surveyId, string channelId, string userId) => $"{surveyId}|{channelId}|{userId}";

    /// <summary>The respondent across surveys (<see cref="UserKey.Value"/>), by which the stores find a user's responses to erase them.</summary>
    [JsonIgnore]
    public string Respondent => UserKey.From(ChannelId, UserId).Value;

    /// <summary>
    /// Folds one event's news into the response. Events arrive in any order and more than once, so the
    /// merge is commutative where it matters: answers are set by question, and the status only moves up
    /// (failed, then in progress, then one of the endings, of which the first one wins).
    /// </summary>
    public static SurveyResponse Merge(SurveyResponse? stored, ResponseNews news)
    {
        var response = stored ?? new SurveyResponse(
            news.SurveyId, news.ChannelId, news.UserId, null, SurveyResponseStatus.Failed, null, new Dictionary<string, string>(), null, null);
        var answers = new Dictionary<string, string>(response.Answers, StringComparer.Ordinal);
        foreach (var answer in news.Answers)
        {
            answers[answer.QuestionId] = answer.Answer;
        }

        var status = response.Status;
        var reason = response.Reason;
        if (news.Status is { } newStatus
            && (stored is null
                || SurveyResponseStatus.Rank(newStatus) > SurveyResponseStatus.Rank(status)
                || (newStatus == SurveyResponseStatus.Failed && status == SurveyResponseStatus.Failed)))
        {
            status = newStatus;
            reason = newStatus == SurveyResponseStatus.Failed ? news.Reason : null;
        }

        return response with
        {
            ConversationId = news.ConversationId ?? response.ConversationId,
            Status = status,
            Reason = reason,
            Answers = answers,
            StartedAt = response.StartedAt ?? (news.Status == SurveyResponseStatus.InProgress ? news.At : null),
            EndedAt = response.EndedAt ?? (SurveyResponseStatus.IsEnding(news.Status) && status == news.Status ? news.At : null),
        };
    }
}

/// <summary>The statuses of a <see cref="SurveyResponse"/>.</summary>
public static class SurveyResponseStatus
{
    public const string Failed = "failed";
    public const string InProgress = "inProgress";
    public const string Completed = "completed";
    public const string EndedEarly = "endedEarly";
    public const string Expired = "expired";

    public static int Rank(string? status) => status switch
    {
        InProgress => 1,
        Completed or EndedEarly or Expired => 2,
        _ => 0,
    };

    public static bool IsEnding(string? status) => Rank(status) == 2;
}
