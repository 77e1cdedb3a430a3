using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Surveys.Responses;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>
/// Starts a survey in a user's conversation: pushes it onto the conversation's flow stack (shared with the
/// Gateway, which takes the answers) and asks its first question proactively. The state is saved first and
/// the question sent after, so the question never asks for a survey that a conflict or a refusal undid; if
/// the question cannot be delivered, the survey is withdrawn again and nothing of it stays.
/// </summary>
public sealed partial class SurveyLauncher(
    ReferenceDirectory references,
    ConversationStateStore states,
    IChannelConnector connector,
    ISurveyResultsStore results,
    IOptions<SurveyOptions> options,
    TimeProvider clock,
    ILogger<SurveyLauncher> logger)
{
    /// <param name="command">A command that passed <see cref="SurveyValidation"/>.</param>
    /// <returns>The events to publish, in order.</returns>
    public async Task<IReadOnlyList<object>> LaunchAsync(StartSurvey command, CancellationToken cancellationToken)
    {
        var surveyId = command.SurveyId!;
        var recipient = command.Recipient!;
        if ((await references.FindAsync(recipient, cancellationToken)).Address is not { } address)
        {
            return [Failed(command, SurveyFailureReasons.NoReference,
                $"No conversation with user '{recipient.UserId}' in channel '{recipient.ChannelId}' is stored (the user never wrote to the bot), so the survey cannot start.")];
        }

        var definition = SurveyDefinition.From(command, clock.GetUtcNow());
        if (!(await results.RecordDefinitionAsync(definition, cancellationToken)).AsksTheSameAs(definition))
        {
            return [Failed(command, SurveyFailureReasons.Invalid,
                $"StartSurvey rejected: survey '{surveyId}' was first started with other questions (ids, types or choices); results are counted per survey, so a changed survey needs a new surveyId.")];
        }

        var key = new ConversationKey(address.ChannelId, address.Conversation.Id, address.User.Id);
        var expiresAfter = command.ExpiresAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.DefaultExpiry;
        var decision = await states.UpdateAsync(
            key,
            state =>
            {
                var now = clock.GetUtcNow();
                return SurveyStart.Decide(state, SurveyFlow.Begin(command, address.Conversation.Id, now, expiresAfter), now);
            },
            cancellationToken);

        switch (decision)
        {
            case SurveyStartDecision.Refused refused:
                return [.. refused.Expired, Failed(command, refused.ReasonCode, refused.Reason)];
            case SurveyStartDecision.AlreadyRunning running when running.Survey.Answers.Count > 0:
                LogAlreadyAnswering(surveyId, key.StorageKey);
                return [];
            case SurveyStartDecision.AlreadyRunning running:
                // Delivered again before the user answered: the first question may not have gone out the first time.
                return await AskFirstQuestionAsync(key, address, running.Survey, [], cancellationToken);
            case SurveyStartDecision.Pushed pushed:
                return await AskFirstQuestionAsync(key, address, pushed.Survey, pushed.Expired, cancellationToken);
            default:
                throw new InvalidOperationException($"Unexpected decision {decision}.");
        }
    }

    private async Task<IReadOnlyList<object>> AskFirstQuestionAsync(
        ConversationKey key, Contracts.References.ConversationAddress address, SurveyProgress survey, IReadOnlyList<SurveyExpired> expired, CancellationToken cancellationToken)
    {
        try
        {
            var activityId = await connector.SendAsync(address, new OutboundMessage(SurveyPrompts.Opening(survey), []), cancellationToken);
            LogStarted(survey.SurveyId, key.StorageKey);
            return [.. expired, new SurveyStarted(survey.SurveyId, survey.Recipient, survey.ConversationId, activityId, survey.ExpiresAt, survey.StartedAt)];
        }
        catch (ConnectorException e)
        {
            await WithdrawAsync(key, survey.SurveyId, cancellationToken);
            var reasonCode = RetryPolicy.Judge(e) is FailureVerdict.Retry ? SurveyFailureReasons.Transient : SurveyFailureReasons.ConnectorRejected;
            return [.. expired, new SurveyFailed(survey.SurveyId, survey.Recipient, reasonCode, $"The first question could not be delivered, so the survey was withdrawn: {e.Message}", clock.GetUtcNow())];
        }
    }

    /// <summary>Takes the survey off the conversation again, unless the user somehow answered it meanwhile.</summary>
    private Task<bool> WithdrawAsync(ConversationKey key, string surveyId, CancellationToken cancellationToken) =>
        states.UpdateAsync(
            key,
            state => SurveyFlow.ProgressOf(state.Top) is { } top && top.SurveyId == surveyId && top.Answers.Count == 0
                ? new Conversations.Flows.StateChange<bool>(state.Withdraw(SurveyFlow.FrameId(surveyId)), true)
                : new Conversations.Flows.StateChange<bool>(null, false),
            cancellationToken);

    private SurveyFailed Failed(StartSurvey command, string reasonCode, string reason) =>
        new(command.SurveyId!, command.Recipient, reasonCode, reason, clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} started in {Key}")]
    private partial void LogStarted(string surveyId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} is already being answered in {Key}; the command was delivered again and changes nothing")]
    private partial void LogAlreadyAnswering(string surveyId, string key);
}
