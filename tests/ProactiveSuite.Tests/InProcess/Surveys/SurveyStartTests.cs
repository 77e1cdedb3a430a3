using MassTransit.Testing;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Surveys;
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

    [Fact]
    public async Task A_repeated_start_whose_report_is_owed_reports_from_where_the_survey_was_opened_not_where_the_user_moved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var system = await InProcessSystem.StartAsync(ServiceSet.All);
        await system.UserWroteAsync("ada", "conv-ada", DateTimeOffset.UtcNow.AddMinutes(-5));
        await system.Harness.Bus.Publish(Survey("lunch"), ct);
        await StartedAsync(system, "lunch");

        // As if the Dispatcher died after settling the opening and before marking it reported.
        var ledger = system.Services.GetRequiredService<IDeliveryLedger>();
        var key = SurveyOpening.KeyOf(Survey("lunch"));
        var reported = await ReportedAsync(ledger, key);
        await ledger.SaveAsync(reported with { Unreported = true }, ct);
        await system.UserWroteAsync("ada", "conv-ada-2", DateTimeOffset.UtcNow);

        await system.Harness.Bus.Publish(Survey("lunch"), ct);
        var starts = new List<SurveyStarted>();
        await foreach (var started in system.Harness.Published.SelectAsync<SurveyStarted>(m => m.Context.Message.SurveyId == "lunch"))
        {
            starts.Add(started.Context.Message);
            if (starts.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["conv-ada", "conv-ada"], starts.Select(s => s.ConversationId));
        await ReportedAsync(ledger, key);

        // The new conversation holds no survey: the next one starts there.
        await system.Harness.Bus.Publish(Survey("dinner"), ct);
        await StartedAsync(system, "dinner");
        Assert.Single(system.Channel.Transcript.InConversation("conv-ada-2"));
    }

    // The report is published before the record is marked reported: waits for the mark.
    private static async Task<DeliveryRecord> ReportedAsync(IDeliveryLedger ledger, DeliveryKey key)
    {
        for (var tries = 0; tries < 500; tries++)
        {
            if (await ledger.FindAsync(key, TestContext.Current.CancellationToken) is { State: DeliveryState.Delivered, Unreported: false } reported)
            {
                return reported;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"The opening {key} was never marked reported.");
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
