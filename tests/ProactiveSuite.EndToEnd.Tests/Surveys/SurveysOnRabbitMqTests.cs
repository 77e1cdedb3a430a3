using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Surveys;

/// <summary>
/// The survey stories on RabbitMQ: StartSurvey published by an outside service on a real broker, the
/// survey events observed there.
/// </summary>
public sealed class SurveysOnRabbitMqTests(SurveyHostOnRabbitMq stage)
    : SurveyScenarios(stage), IClassFixture<SurveyHostOnRabbitMq>
{
    [Fact]
    public async Task Bad_StartSurvey_commands_get_SurveyFailed_Invalid_with_the_reason_and_the_queue_moves_on()
    {
        var user = EmulatedUser.New(stage);
        await user.SaysAsync("hi");
        var good = Lunch(NewSurveyId(), user);
        var bad = new (StartSurvey Command, string Reason)[]
        {
            (good with { SurveyId = NewSurveyId(), Questions = [] }, "questions: a survey needs at least one question"),
            (good with { SurveyId = NewSurveyId(), Questions = [good.Questions![0], good.Questions[0]] }, "duplicate question id 'meal'"),
            (good with { SurveyId = NewSurveyId(), Questions = [good.Questions![0] with { Choices = null }] }, "question 'meal' is a choice question with no choices"),
        };

        foreach (var (command, _) in bad)
        {
            await stage.Bus.Publish(command, TestContext.Current.CancellationToken);
        }

        await stage.Bus.Publish(good, TestContext.Current.CancellationToken);

        foreach (var (command, reason) in bad)
        {
            var failed = await Eventually.Within(ct => stage.Events!.Failed.WaitForAsync(e => e.SurveyId == command.SurveyId, ct), $"SurveyFailed for {reason}", stage.Logs);
            Assert.Equal((SurveyFailureReasons.Invalid, $"StartSurvey rejected: {reason}"), (failed.ReasonCode, failed.Reason));
        }

        await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the valid survey behind the bad ones");
        Assert.Equal(["Survey: Lunch"], (await user.ProactiveTextsAsync()).Select(t => t[..13]));
    }

    [Fact]
    public async Task A_survey_for_a_user_who_never_wrote_fails_with_NoReference()
    {
        var surveyId = NewSurveyId();
        var stranger = new EmulatedUser(stage, "user-" + Guid.NewGuid().ToString("N")[..12]);

        await stage.Bus.Publish(Lunch(surveyId, stranger) with { Recipient = new Recipient("emulator", stranger.Id) }, TestContext.Current.CancellationToken);

        var failed = await Eventually.Within(ct => stage.Events!.Failed.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyFailed", stage.Logs);
        Assert.Equal(SurveyFailureReasons.NoReference, failed.ReasonCode);
    }
}
