namespace ProactiveSuite.Conversations.Flows;

/// <summary>
/// The stack's rules for one user message: expired flows are dropped, the top flow handles the message,
/// and when a flow that interrupted another ends, the interrupted one picks up where it was.
/// Pure: it returns the new state and what to say and publish, for the caller to save first and act on after.
/// </summary>
public static class ConversationTurn
{
    public const string BackToOriginal = "Back to the original conversation.";

    /// <returns>The state to save (null when nothing changed) and the turn's outcome.</returns>
    public static StateChange<TurnOutcome> Take(ConversationFlowState state, UserMessage message, ConversationFlowCatalog flows, DateTimeOffset now)
    {
        if (message.ActivityId is { } activityId && activityId == state.LastActivityId)
        {
            // The same activity again: its first turn was saved but failed afterwards, and the channel
            // redelivered it. Taking it again would answer the next question with it; asking the pending
            // question again is what the user needs.
            return new(null, new TurnOutcome(ResumeTop(state, flows), [], Redelivered: true));
        }

        var replies = new List<string>();
        var events = new List<object>();
        var dropped = false;
        while (state.Top is { } top && (top.IsExpiredAt(now) || flows.Find(top) is null))
        {
            // A flow this service no longer knows cannot take the message: it is dropped like an expired one.
            if (flows.Find(top) is { } expiring)
            {
                var ending = expiring.Expire(top, now);
                replies.AddRange(ending.Replies);
                events.AddRange(ending.Events);
            }

            state = state.EndTop();
            dropped = true;
        }

        if (dropped && state.Top is not null)
        {
            // The message itself goes to the interrupted flow, which answers it: no need to repeat its question.
            replies.Add(BackToOriginal);
        }

        if (state.Top is null)
        {
            state = state.Push(flows.Default.Begin());
        }

        var current = state.Top!;
        var step = flows.Find(current)!.Handle(current, message, now);
        replies.AddRange(step.Replies);
        events.AddRange(step.Events);
        if (step.Next is { } next)
        {
            state = state.ReplaceTop(next);
        }
        else
        {
            state = state.EndTop();
            if (state.Top is not null)
            {
                replies.Add(BackToOriginal);
                replies.AddRange(ResumeTop(state, flows));
            }
        }

        return new(state with { LastActivityId = message.ActivityId }, new TurnOutcome(replies, events)) { Events = events };
    }

    private static IReadOnlyList<string> ResumeTop(ConversationFlowState state, ConversationFlowCatalog flows) =>
        state.Top is { } top && flows.Find(top) is { } flow ? flow.PickUp(top) : [];
}

/// <summary>What one user message led to, once saved.</summary>
/// <param name="Replies">What to say to the user, in order.</param>
/// <param name="Events">What to publish.</param>
/// <param name="Redelivered">True when the message had been handled before and was only answered again.</param>
public sealed record TurnOutcome(IReadOnlyList<string> Replies, IReadOnlyList<object> Events, bool Redelivered = false);

/// <summary>A decision on a conversation's state: the state to save (null: nothing to save) and what it means.</summary>
public readonly record struct StateChange<T>(ConversationFlowState? Next, T Result)
{
    /// <summary>What the decision publishes: saved with the state in the same write (its outbox), published after.</summary>
    public IReadOnlyList<object> Events { get; init; } = [];
}
