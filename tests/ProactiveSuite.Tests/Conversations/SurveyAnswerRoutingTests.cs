using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Gateway.Conversation;
using static ProactiveSuite.Tests.Conversations.SurveyScenario;

namespace ProactiveSuite.Tests.Conversations;

/// <summary>An answer that names a survey not running here is refused as it is, with nothing recorded.</summary>
public class SurveyAnswerRoutingTests
{
    private static readonly ConversationFlowState Introduced = Converse(ConversationFlowState.Empty, T0, "hello").State;

    [Fact]
    public void An_answer_for_an_unknown_survey_is_refused_with_a_failure_event_and_the_pending_question()
    {
        var refusal = SurveyAnswerRouting.Refusal(Introduced, Submit("nope", "Great"), Flows, T0);

        Assert.NotNull(refusal);
        Assert.Equal([SurveyPrompts.NotInProgress("nope"), IntroductionFlow.AskName], refusal.Replies);
        var failed = Assert.IsType<SurveyFailed>(Assert.Single(refusal.Events));
        Assert.Equal(("nope", SurveyFailureReasons.UnknownSurvey, "user-ada"), (failed.SurveyId, failed.ReasonCode, failed.Recipient!.UserId));
    }

    [Fact]
    public void An_answer_for_another_survey_than_the_running_one_is_refused()
    {
        var refusal = SurveyAnswerRouting.Refusal(Introduced.Push(LunchFrame()), Submit("old-survey", "Great"), Flows, T0);

        Assert.NotNull(refusal);
        Assert.Equal("Question 1 of 2: How was lunch? Choose one: 1) Great, 2) OK, 3) Bad", refusal.Replies[^1]);
    }

    [Fact]
    public void An_answer_for_the_running_survey_and_plain_text_go_through()
    {
        var running = Introduced.Push(LunchFrame());

        Assert.Null(SurveyAnswerRouting.Refusal(running, Submit("lunch", "Great"), Flows, T0));
        Assert.Null(SurveyAnswerRouting.Refusal(running, Says("Great"), Flows, T0));
    }

    [Fact]
    public void An_answer_for_the_running_survey_after_its_expiry_is_refused()
    {
        var running = Introduced.Push(LunchFrame(T0, TimeSpan.FromMinutes(1)));

        Assert.NotNull(SurveyAnswerRouting.Refusal(running, Submit("lunch", "Great"), Flows, T0.AddMinutes(2)));
    }

    private static UserMessage Submit(string surveyId, string answer) =>
        Says("", submitted: new Dictionary<string, string> { ["surveyId"] = surveyId, ["answer"] = answer });
}
