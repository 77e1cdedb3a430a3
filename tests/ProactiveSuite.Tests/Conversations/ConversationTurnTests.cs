using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Gateway.Conversation;
using static ProactiveSuite.Tests.Conversations.SurveyScenario;

namespace ProactiveSuite.Tests.Conversations;

/// <summary>The stack's rules: the top flow takes the message, an ended flow hands back to the one it interrupted.</summary>
public class ConversationTurnTests
{
    [Fact]
    public void A_first_message_starts_the_default_conversation()
    {
        var (state, replies, _) = Converse(ConversationFlowState.Empty, T0, "hello bot");

        Assert.Equal(["You sent 'hello bot'.", IntroductionFlow.AskName], replies);
        Assert.Equal(IntroductionFlow.FlowName, Assert.Single(state.Frames).Flow);
    }

    [Fact]
    public void A_survey_pushed_mid_flow_takes_the_messages_and_hands_back_to_the_pending_question_with_its_state_intact()
    {
        var (introduced, _, _) = Converse(ConversationFlowState.Empty, T0, "hello", "Ada");
        var interrupted = introduced.Push(LunchFrame());

        var (after, replies, events) = Converse(interrupted, T0, "great", "More coffee");

        Assert.Equal(
            ["Question 2 of 2: Anything to add?", "Thank you for answering 'Lunch'.", ConversationTurn.BackToOriginal, "Which city are you in, Ada?"],
            replies);
        Assert.Equal(introduced.Frames, after.Frames);
        Assert.Equal(["Great", "More coffee"], events.OfType<SurveyAnswered>().Select(a => a.Answer));
        var completed = Assert.Single(events.OfType<SurveyCompleted>());
        Assert.False(completed.EndedEarly);

        var (_, resumed, _) = Converse(after, T0, "Paris");
        Assert.Equal(["Nice to meet you, Ada from Paris."], resumed);
    }

    [Fact]
    public void An_interruption_before_the_first_question_picks_up_the_name_question()
    {
        var (greeted, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");

        var (_, replies, _) = Converse(greeted.Push(LunchFrame()), T0, "done");

        Assert.Equal([$"Thank you: your answers to 'Lunch' so far are recorded.", ConversationTurn.BackToOriginal, IntroductionFlow.AskName], replies);
    }

    [Fact]
    public void An_ended_survey_is_remembered_and_leaves_the_stack()
    {
        var (greeted, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");

        var (after, _, _) = Converse(greeted.Push(LunchFrame()), T0, "done");

        Assert.True(after.HasEnded(SurveyFlow.FrameId("lunch")));
        Assert.DoesNotContain(after.Frames, f => f.Flow == SurveyFlow.FlowName);
    }

    [Fact]
    public void The_message_after_expiry_goes_to_the_interrupted_flow_and_the_survey_expires()
    {
        var (introduced, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");
        var interrupted = introduced.Push(LunchFrame(T0, TimeSpan.FromMinutes(5)));

        var (after, replies, events) = Converse(interrupted, T0.AddMinutes(5), "Ada");

        Assert.Equal(["The survey 'Lunch' has expired.", ConversationTurn.BackToOriginal, "Thanks, Ada. Which city are you in?"], replies);
        var expired = Assert.Single(events.OfType<SurveyExpired>());
        Assert.Equal(("lunch", T0.AddMinutes(5), T0.AddMinutes(5)), (expired.SurveyId, expired.ExpiresAt, expired.NoticedAt));
        Assert.Empty(expired.Answers);
        Assert.Single(after.Frames);
    }

    [Fact]
    public void Before_its_expiry_the_survey_still_takes_the_message()
    {
        var (introduced, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");
        var interrupted = introduced.Push(LunchFrame(T0, TimeSpan.FromMinutes(5)));

        var (_, _, events) = Converse(interrupted, T0.AddMinutes(5).AddTicks(-1), "OK");

        Assert.Equal("OK", Assert.Single(events.OfType<SurveyAnswered>()).Answer);
    }

    [Fact]
    public void A_redelivered_activity_is_not_taken_twice_and_the_pending_question_is_asked_again()
    {
        var (introduced, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");
        var interrupted = introduced.Push(LunchFrame());
        var first = ConversationTurn.Take(interrupted, Says("Great", "activity-1"), Flows, T0);

        var again = ConversationTurn.Take(first.Next!, Says("Great", "activity-1"), Flows, T0);

        Assert.Null(again.Next);
        Assert.True(again.Result.Redelivered);
        Assert.Empty(again.Result.Events);
        Assert.Equal(["Question 2 of 2: Anything to add?"], again.Result.Replies);
    }

    [Fact]
    public void A_frame_of_a_flow_this_service_does_not_know_is_dropped_and_the_message_goes_below_it()
    {
        var (introduced, _, _) = Converse(ConversationFlowState.Empty, T0, "hello");
        var withUnknown = introduced.Push(new FlowFrame("retired:1", "retired-flow", "{}"));

        var (after, replies, _) = Converse(withUnknown, T0, "Ada");

        Assert.Equal([ConversationTurn.BackToOriginal, "Thanks, Ada. Which city are you in?"], replies);
        Assert.Single(after.Frames);
    }

    [Fact]
    public void A_survey_on_an_empty_stack_ends_into_the_default_conversation_on_the_next_message()
    {
        var (after, replies, _) = Converse(ConversationFlowState.Empty.Push(LunchFrame()), T0, "done", "hi");

        Assert.Equal(["Thank you: your answers to 'Lunch' so far are recorded.", "You sent 'hi'.", IntroductionFlow.AskName], replies);
        Assert.Equal(IntroductionFlow.FlowName, Assert.Single(after.Frames).Flow);
    }

    [Fact]
    public void The_stack_remembers_a_bounded_number_of_ended_frames()
    {
        var state = ConversationFlowState.Empty;
        for (var i = 0; i < ConversationFlowState.RememberedEndings + 5; i++)
        {
            state = state.Push(new FlowFrame($"f{i}", "x", "{}")).EndTop();
        }

        Assert.Equal(ConversationFlowState.RememberedEndings, state.Ended.Count);
        Assert.False(state.HasEnded("f0"));
        Assert.True(state.HasEnded($"f{ConversationFlowState.RememberedEndings + 4}"));
    }
}
