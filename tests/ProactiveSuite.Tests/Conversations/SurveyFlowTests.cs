using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;
using static ProactiveSuite.Tests.Conversations.SurveyScenario;

namespace ProactiveSuite.Tests.Conversations;

/// <summary>One survey's steps: validation of choice answers, done, the last question, expiry.</summary>
public class SurveyFlowTests
{
    private readonly SurveyFlow _flow = new();

    [Theory]
    [InlineData("Great", "Great")]
    [InlineData("  great ", "Great")]
    [InlineData("BAD", "Bad")]
    [InlineData("2", "OK")]
    public void A_choice_is_taken_by_its_text_in_any_case_or_by_its_number(string answer, string choice)
    {
        var step = _flow.Handle(LunchFrame(), Says(answer), T0);

        var answered = Assert.Single(step.Events.OfType<SurveyAnswered>());
        Assert.Equal(("meal", choice), (answered.QuestionId, answered.Answer));
        Assert.Equal(["Question 2 of 2: Anything to add?"], step.Replies);
    }

    [Theory]
    [InlineData("purple")]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("-1")]
    public void Anything_else_is_asked_again_and_nothing_is_recorded(string answer)
    {
        var frame = LunchFrame();

        var step = _flow.Handle(frame, Says(answer), T0);

        Assert.Same(frame, step.Next);
        Assert.Empty(step.Events);
        Assert.Equal([$"'{answer}' is not one of the choices.", "Question 1 of 2: How was lunch? Choose one: 1) Great, 2) OK, 3) Bad"], step.Replies);
    }

    [Fact]
    public void A_choice_that_is_itself_a_number_means_what_it_says()
    {
        var rating = new SurveyQuestion { Id = "r", Text = "Rate us", Type = SurveyQuestionTypes.Choice, Choices = ["3", "2", "1"] };

        Assert.Equal("1", SurveyFlow.ChoiceFor(rating.Choices!, "1"));
        Assert.Equal("3", SurveyFlow.ChoiceFor(rating.Choices!, "3"));
    }

    [Theory]
    [InlineData("done")]
    [InlineData(" DONE  ")]
    [InlineData("Done")]
    public void Done_in_any_case_ends_the_survey_early_with_the_answers_so_far(string done)
    {
        var afterFirst = _flow.Handle(LunchFrame(), Says("OK"), T0).Next!;

        var step = _flow.Handle(afterFirst, Says(done), T0);

        Assert.Null(step.Next);
        var completed = Assert.Single(step.Events.OfType<SurveyCompleted>());
        Assert.True(completed.EndedEarly);
        Assert.Equal([new SurveyAnswer("meal", "OK")], completed.Answers);
    }

    [Fact]
    public void The_last_answer_completes_the_survey_with_every_answer()
    {
        var afterFirst = _flow.Handle(LunchFrame(), Says("OK"), T0).Next!;

        var step = _flow.Handle(afterFirst, Says("  More coffee "), T0);

        Assert.Null(step.Next);
        Assert.Equal("More coffee", Assert.Single(step.Events.OfType<SurveyAnswered>()).Answer);
        var completed = Assert.Single(step.Events.OfType<SurveyCompleted>());
        Assert.False(completed.EndedEarly);
        Assert.Equal([new SurveyAnswer("meal", "OK"), new SurveyAnswer("wish", "More coffee")], completed.Answers);
        Assert.IsType<SurveyAnswered>(step.Events[0]);
    }

    [Fact]
    public void An_empty_message_asks_the_question_again()
    {
        var frame = LunchFrame();

        var step = _flow.Handle(frame, Says("   "), T0);

        Assert.Same(frame, step.Next);
        Assert.Empty(step.Events);
    }

    [Fact]
    public void A_long_free_text_answer_is_cut_to_the_limit()
    {
        var afterFirst = _flow.Handle(LunchFrame(), Says("OK"), T0).Next!;

        var step = _flow.Handle(afterFirst, Says(new string('x', SurveyFlow.MaxAnswerLength + 10)), T0);

        Assert.Equal(SurveyFlow.MaxAnswerLength, Assert.Single(step.Events.OfType<SurveyAnswered>()).Answer.Length);
    }

    [Fact]
    public void A_submitted_card_answers_with_its_answer_value()
    {
        var step = _flow.Handle(LunchFrame(), Says("", submitted: new Dictionary<string, string> { ["surveyId"] = "lunch", ["answer"] = "Bad" }), T0);

        Assert.Equal("Bad", Assert.Single(step.Events.OfType<SurveyAnswered>()).Answer);
    }

    [Fact]
    public void The_opening_names_the_survey_and_how_to_stop_and_asks_the_first_question()
    {
        var opening = SurveyPrompts.Opening(SurveyFlow.ProgressOf(LunchFrame())!);

        Assert.StartsWith("Survey: Lunch. Type 'done' to stop at any time.", opening, StringComparison.Ordinal);
        Assert.EndsWith("Question 1 of 2: How was lunch? Choose one: 1) Great, 2) OK, 3) Bad", opening, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_of_another_flow_is_no_survey() =>
        Assert.Null(SurveyFlow.ProgressOf(new FlowFrame("introduction", "introduction", "{}")));
}
