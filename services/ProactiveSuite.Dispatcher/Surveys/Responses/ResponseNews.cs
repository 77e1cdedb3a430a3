using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Dispatcher.Surveys.Responses;

/// <summary>What one survey event says about one respondent's response.</summary>
/// <param name="Status">The status the event implies, or null when it only brings answers.</param>
public sealed record ResponseNews(
    string SurveyId,
    string ChannelId,
    string UserId,
    string? ConversationId,
    string? Status,
    string? Reason,
    IReadOnlyList<SurveyAnswer> Answers,
    DateTimeOffset At)
{
    public string Key => SurveyResponse.KeyOf(SurveyId, ChannelId, UserId);

    public static ResponseNews From(SurveyStarted e) =>
        New(e.SurveyId, e.Recipient, e.ConversationId, SurveyResponseStatus.InProgress, null, [], e.StartedAt);

    public static ResponseNews From(SurveyAnswered e) =>
        New(e.SurveyId, e.Recipient, e.ConversationId, null, null, [new SurveyAnswer(e.QuestionId, e.Answer)], e.AnsweredAt);

    public static ResponseNews From(SurveyCompleted e) =>
        New(e.SurveyId, e.Recipient, e.ConversationId, e.EndedEarly ? SurveyResponseStatus.EndedEarly : SurveyResponseStatus.Completed, null, e.Answers, e.CompletedAt);

    public static ResponseNews From(SurveyExpired e) =>
        New(e.SurveyId, e.Recipient, e.ConversationId, SurveyResponseStatus.Expired, null, e.Answers, e.NoticedAt);

    /// <summary>
    /// A failed start is part of the results (who was not asked, and why). An answer naming an unknown
    /// survey is not, nor a start aimed at a group conversation: they are about no one's response.
    /// </summary>
    public static ResponseNews? From(SurveyFailed e) =>
        e.ReasonCode == SurveyFailureReasons.UnknownSurvey || string.IsNullOrEmpty(e.SurveyId) || e.Recipient is not { UserId: not null }
            ? null
            : New(e.SurveyId, e.Recipient, null, SurveyResponseStatus.Failed, $"{e.ReasonCode}: {e.Reason}", [], e.FailedAt);

    private static ResponseNews New(string surveyId, Recipient recipient, string? conversationId, string? status, string? reason, IReadOnlyList<SurveyAnswer> answers, DateTimeOffset at) =>
        new(surveyId, recipient.ChannelId.Trim().ToLowerInvariant(), recipient.UserId ?? throw new ArgumentException("A survey response is a user's.", nameof(recipient)), conversationId, status, reason, answers ?? [], at);
}
