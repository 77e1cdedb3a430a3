using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Surveys;
using ProactiveSuite.Tests.Conversations;

namespace ProactiveSuite.Tests.Dispatcher;

public class SurveyValidationTests
{
    private static readonly StartSurvey Valid = SurveyScenario.Lunch();

    [Fact]
    public void A_complete_command_is_valid() => Assert.Null(SurveyValidation.Problem(Valid));

    [Fact]
    public void The_issues_bad_surveys_are_named()
    {
        Assert.Equal("questions: a survey needs at least one question", SurveyValidation.Problem(Valid with { Questions = [] }));
        Assert.Equal("questions: a survey needs at least one question", SurveyValidation.Problem(Valid with { Questions = null }));
        Assert.Equal("duplicate question id 'meal'", SurveyValidation.Problem(Valid with { Questions = [Valid.Questions![0], Valid.Questions[0]] }));
        Assert.Equal("question 'meal' is a choice question with no choices", SurveyValidation.Problem(WithFirst(q => q with { Choices = null })));
        Assert.Equal("question 'meal' is a choice question with no choices", SurveyValidation.Problem(WithFirst(q => q with { Choices = [] })));
    }

    [Fact]
    public void A_survey_aimed_at_a_group_conversation_is_refused_because_surveys_are_personal() =>
        Assert.StartsWith("surveys are personal: recipient must be a user (userId), not a group chat or channel (conversationId)",
            SurveyValidation.Problem(Valid with { Recipient = new Recipient("msteams", null, "t1", "19:abc@thread.tacv2") }), StringComparison.Ordinal);

    [Fact]
    public void Every_other_problem_is_named()
    {
        Assert.Equal("the body must be a StartSurvey", SurveyValidation.Problem(null));
        Assert.Equal("surveyId is required", SurveyValidation.Problem(Valid with { SurveyId = "" }));
        Assert.Equal("surveyId must not contain '|' or control characters", SurveyValidation.Problem(Valid with { SurveyId = "a|b" }));
        Assert.Equal("recipient is required", SurveyValidation.Problem(Valid with { Recipient = null }));
        Assert.Equal("recipient.userId is required", SurveyValidation.Problem(Valid with { Recipient = new Recipient("emulator", "") }));
        Assert.Equal("title is required", SurveyValidation.Problem(Valid with { Title = " " }));
        Assert.Equal("expiresAfterSeconds must be between 1 and 2592000 (30 days)", SurveyValidation.Problem(Valid with { ExpiresAfterSeconds = 0 }));
        Assert.Equal("question 2 is empty", SurveyValidation.Problem(Valid with { Questions = [Valid.Questions![0], null!] }));
        Assert.Equal("question 1 has no id", SurveyValidation.Problem(WithFirst(q => q with { Id = null })));
        Assert.Equal("question id 'a.b' may only use letters, digits, '-' and '_', at most 64 of them", SurveyValidation.Problem(WithFirst(q => q with { Id = "a.b" })));
        Assert.Equal("question 'meal' has no text", SurveyValidation.Problem(WithFirst(q => q with { Text = "" })));
        Assert.Equal("question 'meal' has type 'rating'; it must be 'freeText' or 'choice'", SurveyValidation.Problem(WithFirst(q => q with { Type = "rating" })));
        Assert.Equal("question 'meal' is a choice question with one choice; it needs at least two", SurveyValidation.Problem(WithFirst(q => q with { Choices = ["Yes"] })));
        Assert.Equal("question 'meal' lists the choice 'great' twice", SurveyValidation.Problem(WithFirst(q => q with { Choices = ["Great", " great"] })));
        Assert.Equal("question 'meal' has an empty choice", SurveyValidation.Problem(WithFirst(q => q with { Choices = ["Great", ""] })));
        Assert.Equal("question 'wish' is free text but lists choices", SurveyValidation.Problem(Valid with { Questions = [Valid.Questions![0], Valid.Questions[1] with { Choices = ["x"] }] }));
        Assert.Equal($"more than {SurveyValidation.MaxQuestions} questions", SurveyValidation.Problem(Valid with
        {
            Questions = [.. Enumerable.Range(0, SurveyValidation.MaxQuestions + 1).Select(i => new SurveyQuestion { Id = $"q{i}", Text = "?", Type = SurveyQuestionTypes.FreeText })],
        }));
    }

    private static StartSurvey WithFirst(Func<SurveyQuestion, SurveyQuestion> change) =>
        Valid with { Questions = [change(Valid.Questions![0]), Valid.Questions[1]] };
}
