using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;

namespace ProactiveSuite.Gateway.Surveys;

/// <summary>
/// Whether a survey may take over a conversation, decided on the conversation's state. One survey at a
/// time: a second one is refused with a reason rather than queued, so that the publisher knows at once
/// and decides (retry later, or not), and no survey runs hours after it was meant to.
/// </summary>
public static class SurveyStart
{
    /// <param name="state">The conversation's state as read.</param>
    /// <param name="survey">The frame of the survey to start (<see cref="SurveyFlow.Begin"/>).</param>
    /// <param name="now">The decision's time, for expiry.</param>
    /// <returns>The decision, with the expiry of a survey it dropped on the way as its event.</returns>
    public static StateChange<SurveyStartDecision> Decide(ConversationFlowState state, FlowFrame survey, DateTimeOffset now)
    {
        var change = Take(state, survey, now);
        return change with
        {
            Events = change.Result switch
            {
                SurveyStartDecision.Pushed pushed => pushed.Expired,
                SurveyStartDecision.Refused refused => refused.Expired,
                _ => [],
            },
        };
    }

    private static StateChange<SurveyStartDecision> Take(ConversationFlowState state, FlowFrame survey, DateTimeOffset now)
    {
        var starting = SurveyFlow.ProgressOf(survey) ?? throw new ArgumentException("Not a survey frame.", nameof(survey));
        var changed = false;
        List<SurveyExpired> expired = [];
        if (SurveyFlow.ProgressOf(state.Top) is { } previous && state.Top!.IsExpiredAt(now))
        {
            // What the user's next message would have done: the survey is over, whoever notices first.
            expired.Add(SurveyFlow.ExpiredEvent(previous, now));
            state = state.EndTop();
            changed = true;
        }

        if (state.HasEnded(survey.Id))
        {
            return new(changed ? state : null, new SurveyStartDecision.Refused(
                SurveyFailureReasons.AlreadyTaken,
                $"Survey '{starting.SurveyId}' already ran in conversation '{starting.ConversationId}'; a survey runs once per conversation (use a new surveyId to ask again).",
                expired));
        }

        if (SurveyFlow.ProgressOf(state.Top) is { } active)
        {
            return active.SurveyId == starting.SurveyId
                ? new(null, new SurveyStartDecision.AlreadyRunning(active))
                : new(null, new SurveyStartDecision.Refused(
                    SurveyFailureReasons.SurveyInProgress,
                    $"Survey '{active.SurveyId}' is still in progress in conversation '{active.ConversationId}' (it expires at {active.ExpiresAt:O} at the latest); a conversation runs one survey at a time, so start '{starting.SurveyId}' after it ends.",
                    expired));
        }

        return new(state.Push(survey), new SurveyStartDecision.Pushed(starting, expired));
    }
}

/// <summary>What <see cref="SurveyStart.Decide"/> decided.</summary>
public abstract record SurveyStartDecision
{
    private SurveyStartDecision()
    {
    }

    /// <summary>The survey is on top of the conversation; <paramref name="Expired"/> is the expired survey it replaced, if any.</summary>
    public sealed record Pushed(SurveyProgress Survey, IReadOnlyList<SurveyExpired> Expired) : SurveyStartDecision;

    /// <summary>The same survey is already running there: the command was delivered again.</summary>
    public sealed record AlreadyRunning(SurveyProgress Survey) : SurveyStartDecision;

    /// <summary>The survey may not start; the conversation is unchanged but for an expired survey dropped on the way.</summary>
    public sealed record Refused(string ReasonCode, string Reason, IReadOnlyList<SurveyExpired> Expired) : SurveyStartDecision;
}
