using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Gateway.Conversation;

namespace ProactiveSuite.Gateway.Surveys;

/// <summary>
/// Puts surveys onto conversations and takes them off again, for the Dispatcher: the conversations'
/// state is the Gateway's, so a survey start is decided here, on the same state the user's turns change.
/// </summary>
public sealed partial class SurveyPushes(ConversationStateStore states, ConversationOutbox outbox, TimeProvider clock, ILogger<SurveyPushes> logger)
{
    /// <returns>The answer: <see cref="SurveyPushed"/> or <see cref="SurveyPushRefused"/>.</returns>
    public async Task<object> PushAsync(PushSurvey request, CancellationToken cancellationToken)
    {
        var (command, address) = (request.Survey, request.Address);
        var key = new ConversationKey(address.ChannelId, address.Conversation.Id, address.User.Id);
        var decision = await states.UpdateAsync(
            key,
            state =>
            {
                var now = clock.GetUtcNow();
                var frame = SurveyFlow.Begin(command, address.Conversation.Id, now, TimeSpan.FromSeconds(request.ExpiresAfterSeconds));
                return SurveyStart.Decide(state, frame, now);
            },
            cancellationToken);

        // An expired survey the decision dropped on the way is announced from the outbox.
        await outbox.PublishAsync(key.StorageKey, cancellationToken);
        switch (decision)
        {
            case SurveyStartDecision.Refused refused:
                return new SurveyPushRefused(command.SurveyId!, refused.ReasonCode, refused.Reason);
            case SurveyStartDecision.AlreadyRunning running:
                // Asked again (a redelivered command): the opening may not have gone out the first time.
                LogAlreadyRunning(command.SurveyId!, key.StorageKey, running.Survey.Answers.Count);
                return Pushed(running.Survey, alreadyAnswered: running.Survey.Answers.Count > 0);
            case SurveyStartDecision.Pushed pushed:
                LogPushed(command.SurveyId!, key.StorageKey);
                return Pushed(pushed.Survey, alreadyAnswered: false);
            default:
                throw new InvalidOperationException($"Unexpected decision {decision}.");
        }
    }

    /// <summary>Takes the survey off the conversation again, unless the user answered it meanwhile.</summary>
    public Task<bool> WithdrawAsync(WithdrawSurvey command, CancellationToken cancellationToken) =>
        states.UpdateAsync(
            new ConversationKey(command.Address.ChannelId, command.Address.Conversation.Id, command.Address.User.Id),
            state => SurveyFlow.ProgressOf(state.Top) is { } top && top.SurveyId == command.SurveyId && top.Answers.Count == 0
                ? new StateChange<bool>(state.Withdraw(SurveyFlow.FrameId(command.SurveyId)), true)
                : new StateChange<bool>(null, false),
            cancellationToken);

    private static SurveyPushed Pushed(SurveyProgress survey, bool alreadyAnswered) =>
        new(survey.SurveyId, survey.ConversationId, SurveyPrompts.Opening(survey), survey.StartedAt, survey.ExpiresAt, alreadyAnswered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} pushed onto {Key}")]
    private partial void LogPushed(string surveyId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} is already running in {Key} ({Answers} answer(s)); the push was asked again")]
    private partial void LogAlreadyRunning(string surveyId, string key, int answers);
}
