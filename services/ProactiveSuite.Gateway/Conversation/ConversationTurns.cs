using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Gateway.Capture;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.Surveys;

namespace ProactiveSuite.Gateway.Conversation;

/// <summary>
/// Takes one user message through the conversation's flow stack: decides on the stored state, saves the
/// decision with its events in the state's outbox (deciding again if a survey start or another message
/// saved first), then publishes them and hands back what to say.
/// </summary>
public sealed partial class ConversationTurns(
    ConversationStateStore states,
    ConversationFlowCatalog flows,
    ConversationOutbox outbox,
    IOptions<CaptureOptions> capture,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ConversationTurns> logger)
{
    public async Task<IReadOnlyList<string>> TakeAsync(UserMessage message, CancellationToken cancellationToken)
    {
        var key = new ConversationKey(message.ChannelId, message.ConversationId, message.UserId);
        var refused = false;
        var outcome = await states.UpdateAsync(
            key,
            state =>
            {
                var now = clock.GetUtcNow();
                var refusal = SurveyAnswerRouting.Refusal(state, message, flows, now);
                refused = refusal is not null;
                return refusal is not null ? new StateChange<TurnOutcome>(null, refusal) : ConversationTurn.Take(state, message, flows, now);
            },
            cancellationToken);

        if (outcome.Redelivered)
        {
            LogRedelivered(message.ActivityId, key.StorageKey);
        }

        if (refused)
        {
            // A refusal changes no state, so there is nothing to save its event with.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().PublishBatch(outcome.Events, cancellationToken);
        }
        else if (outcome.Events.Count > 0)
        {
            // Saved already: a broker that does not answer in time leaves them to the relay, not the user waiting.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(capture.Value.ConfirmTimeout);
            try
            {
                await outbox.PublishAsync(key.StorageKey, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogLeftToRelay(outcome.Events.Count, key.StorageKey);
            }
        }

        return outcome.Replies;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} event(s) of {Key} were not confirmed in time; saved, the outbox relay publishes them")]
    private partial void LogLeftToRelay(int count, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} in {Key} was handled before; asked the pending question again")]
    private partial void LogRedelivered(string? activityId, string key);
}
