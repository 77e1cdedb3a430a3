using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Gateway.Surveys;
using static ProactiveSuite.Tests.Conversations.SurveyScenario;

namespace ProactiveSuite.Tests.Gateway;

/// <summary>Whether a survey may take over a conversation: one at a time, once per conversation.</summary>
public class SurveyStartTests
{
    private static readonly ConversationFlowState Introduced = Converse(ConversationFlowState.Empty, T0, "hello", "Ada").State;

    [Fact]
    public void A_survey_is_pushed_on_top_of_the_conversation()
    {
        var change = SurveyStart.Decide(Introduced, LunchFrame(), T0);

        var pushed = Assert.IsType<SurveyStartDecision.Pushed>(change.Result);
        Assert.Equal("lunch", pushed.Survey.SurveyId);
        Assert.Equal([.. Introduced.Frames, LunchFrame()], change.Next!.Frames);
    }

    [Fact]
    public void A_second_survey_is_refused_while_one_is_in_progress_and_nothing_changes()
    {
        var running = Introduced.Push(LunchFrame());

        var change = SurveyStart.Decide(running, LunchFrame(surveyId: "pulse"), T0);

        Assert.Null(change.Next);
        var refused = Assert.IsType<SurveyStartDecision.Refused>(change.Result);
        Assert.Equal(SurveyFailureReasons.SurveyInProgress, refused.ReasonCode);
        Assert.Contains("Survey 'lunch' is still in progress", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_survey_again_is_recognised_as_already_running()
    {
        var change = SurveyStart.Decide(Introduced.Push(LunchFrame()), LunchFrame(T0.AddSeconds(5)), T0.AddSeconds(5));

        Assert.Null(change.Next);
        Assert.IsType<SurveyStartDecision.AlreadyRunning>(change.Result);
    }

    [Fact]
    public void A_survey_that_already_ran_in_the_conversation_is_refused()
    {
        var ended = Introduced.Push(LunchFrame()).EndTop();

        var change = SurveyStart.Decide(ended, LunchFrame(), T0);

        Assert.Null(change.Next);
        Assert.Equal(SurveyFailureReasons.AlreadyTaken, Assert.IsType<SurveyStartDecision.Refused>(change.Result).ReasonCode);
    }

    [Fact]
    public void An_expired_survey_gives_way_to_the_new_one_and_is_reported_expired()
    {
        var running = Introduced.Push(LunchFrame(T0, TimeSpan.FromMinutes(1)));

        var change = SurveyStart.Decide(running, LunchFrame(T0.AddMinutes(2), surveyId: "pulse"), T0.AddMinutes(2));

        var pushed = Assert.IsType<SurveyStartDecision.Pushed>(change.Result);
        Assert.Equal("lunch", Assert.Single(pushed.Expired).SurveyId);
        Assert.Equal(SurveyFlow.FrameId("pulse"), change.Next!.Top!.Id);
        Assert.True(change.Next.HasEnded(SurveyFlow.FrameId("lunch")));
        Assert.Equal(Introduced.Frames.Count + 1, change.Next.Frames.Count);
    }

    [Fact]
    public void The_same_survey_after_its_expiry_is_dropped_and_refused_as_already_taken()
    {
        var running = Introduced.Push(LunchFrame(T0, TimeSpan.FromMinutes(1)));

        var change = SurveyStart.Decide(running, LunchFrame(T0.AddMinutes(2)), T0.AddMinutes(2));

        var refused = Assert.IsType<SurveyStartDecision.Refused>(change.Result);
        Assert.Equal(SurveyFailureReasons.AlreadyTaken, refused.ReasonCode);
        Assert.Single(refused.Expired);
        Assert.Equal(Introduced.Frames, change.Next!.Frames);
    }

    [Fact]
    public void A_withdrawn_survey_leaves_no_trace_and_may_start_again()
    {
        var withdrawn = Introduced.Push(LunchFrame()).Withdraw(SurveyFlow.FrameId("lunch"));

        Assert.Equal(Introduced.Frames, withdrawn.Frames);
        Assert.IsType<SurveyStartDecision.Pushed>(SurveyStart.Decide(withdrawn, LunchFrame(), T0).Result);
    }
}
