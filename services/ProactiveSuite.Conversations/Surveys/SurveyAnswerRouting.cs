using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;

namespace ProactiveSuite.Conversations.Surveys;

/// <summary>
/// An answer that names its survey (a submitted card carries <c>surveyId</c>) belongs to that survey only.
/// When that survey is not the one running in the conversation, the answer is refused as it is: nothing
/// is recorded and no flow moves, so an old card clicked late cannot answer another question.
/// </summary>
public static class SurveyAnswerRouting
{
    /// <returns>The refusal, or null when the message is not a misaddressed survey answer.</returns>
    public static TurnOutcome? Refusal(ConversationFlowState state, UserMessage message, ConversationFlowCatalog flows, DateTimeOffset now)
    {
        if (message.SubmittedValue("surveyId") is not { Length: > 0 } surveyId)
        {
            return null;
        }

        var running = SurveyFlow.ProgressOf(state.Top);
        if (running is not null && running.SurveyId == surveyId && !state.Top!.IsExpiredAt(now))
        {
            return null;
        }

        // The user is told, and asked again what the conversation is waiting for.
        var pending = state.Top is { } top && !top.IsExpiredAt(now) && flows.Find(top) is { } flow ? flow.PickUp(top) : [];
        var recipient = running?.Recipient ?? new Recipient(message.ChannelId, message.UserId);
        return new TurnOutcome(
            [SurveyPrompts.NotInProgress(surveyId), .. pending],
            [new SurveyFailed(surveyId, recipient, SurveyFailureReasons.UnknownSurvey,
                $"An answer for survey '{surveyId}' arrived in conversation '{message.ConversationId}', where no such survey is in progress; it was not recorded.", now)]);
    }
}
