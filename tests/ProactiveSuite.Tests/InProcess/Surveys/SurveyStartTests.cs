using MassTransit.Testing;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Tests.Conversations;

namespace ProactiveSuite.Tests.InProcess.Surveys;

/// <summary>Starting surveys: the Dispatcher asks the Gateway (which owns the conversation) over the bus, then delivers the opening.</summary>
public sealed class SurveyStartTests
{
    [Fact]
    public async Task A_second_survey_is_refused_while_one_runs_and_its_opening_is_never_sent()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.All);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));

        await system.Harness.Bus.Publish(Survey("lunch"), TestContext.Current.CancellationToken);
        await StartedAsync(system, "lunch");
        await system.Harness.Bus.Publish(Survey("dinner"), TestContext.Current.CancellationToken);

        var refused = await FailureOf(system, "dinner");
        Assert.Equal(SurveyFailureReasons.SurveyInProgress, refused.ReasonCode);
        var opening = Assert.Single(system.Channel.Transcript.InConversation("conv-ada"));
        Assert.Contains("Lunch", opening.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_whose_opening_the_channel_refuses_is_withdrawn_so_the_next_one_can_start()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.All);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));
        system.Channel.Faults.AddRule(ChannelFault.Error(400, ConnectorErrorCodes.BadArgument).InConversation("conv-ada").Times(1));

        await system.Harness.Bus.Publish(Survey("lunch"), TestContext.Current.CancellationToken);
        var failed = await FailureOf(system, "lunch");
        Assert.Equal(SurveyFailureReasons.ConnectorRejected, failed.ReasonCode);
        Assert.Contains(NotificationFailureReasons.ConnectorRejected, failed.Reason, StringComparison.Ordinal);

        await system.Harness.Bus.Publish(Survey("dinner"), TestContext.Current.CancellationToken);
        await StartedAsync(system, "dinner");
        Assert.Single(system.Channel.Transcript.InConversation("conv-ada"));
    }

    [Fact]
    public async Task A_survey_aimed_at_a_group_conversation_is_refused_as_invalid_with_the_reason_and_nothing_is_posted()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.All);
        var survey = SurveyScenario.Lunch("team-lunch") with { Recipient = new Recipient(InProcessSystem.ChannelId, null, null, "19:planning@thread.tacv2") };

        await system.Harness.Bus.Publish(survey, TestContext.Current.CancellationToken);

        var refused = await FailureOf(system, "team-lunch");
        Assert.Equal(SurveyFailureReasons.Invalid, refused.ReasonCode);
        Assert.Contains("surveys are personal", refused.Reason, StringComparison.Ordinal);
        Assert.Empty(system.Channel.Transcript.All());
    }

    private static StartSurvey Survey(string surveyId) =>
        SurveyScenario.Lunch(surveyId) with { Recipient = new Recipient(InProcessSystem.ChannelId, "ada") };

    private static async Task StartedAsync(InProcessSystem system, string surveyId)
    {
        // Either outcome ends the wait: a refusal fails the test with its reason rather than a timeout.
        var outcome = await system.Harness.Published.SelectAsync(m => m.MessageObject is SurveyStarted s && s.SurveyId == surveyId
            || m.MessageObject is SurveyFailed f && f.SurveyId == surveyId).FirstOrDefault();
        Assert.IsType<SurveyStarted>(outcome?.MessageObject);
    }

    private static async Task<SurveyFailed> FailureOf(InProcessSystem system, string surveyId)
    {
        var failed = await system.Harness.Published.SelectAsync<SurveyFailed>(f => f.Context.Message.SurveyId == surveyId).FirstOrDefault();
        Assert.NotNull(failed);
        return failed.Context.Message;
    }
}
