using MassTransit;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.Surveys;

namespace ProactiveSuite.Gateway.Conversation;

/// <summary>
/// Takes one user message through the conversation's flow stack: decides on the stored state, saves the
/// decision (deciding again if a survey start or another message saved first), then publishes what
/// happened and hands back what to say.
/// </summary>
public sealed partial class ConversationTurns(
    ConversationStateStore states,
    ConversationFlowCatalog flows,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ConversationTurns> logger)
{
    public async Task<IReadOnlyList<string>> TakeAsync(UserMessage message, CancellationToken cancellationToken)
    {
        var key = new ConversationKey(message.ChannelId, message.ConversationId, message.UserId);
        var outcome = await states.UpdateAsync(
            key,
            state =>
            {
                var now = clock.GetUtcNow();
                return SurveyAnswerRouting.Refusal(state, message, flows, now) is { } refusal
                    ? new StateChange<TurnOutcome>(null, refusal)
                    : ConversationTurn.Take(state, message, flows, now);
            },
            cancellationToken);

        if (outcome.Redelivered)
        {
            LogRedelivered(message.ActivityId, key.StorageKey);
        }

        // Published only once the state is saved, so no event announces a decision that a conflict threw away.
        if (outcome.Events.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            foreach (var @event in outcome.Events)
            {
                await bus.Publish(@event, cancellationToken);
            }
        }

        return outcome.Replies;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} in {Key} was handled before; asked the pending question again")]
    private partial void LogRedelivered(string? activityId, string key);
}
