namespace ProactiveSuite.Conversations.Flows;

/// <summary>
/// One kind of conversation (a survey, getting to know the user, …): it starts somewhere else (see the
/// flow's own Begin method), takes a step per user message, and ends. Pure: it only decides, from its frame
/// and the message, what its frame becomes and what to say and publish; it keeps nothing between messages.
/// </summary>
public interface IConversationFlow
{
    /// <summary>The name frames of this flow carry (<see cref="FlowFrame.Flow"/>).</summary>
    string Name { get; }

    /// <summary>The user wrote while this flow was on top.</summary>
    FlowStep Handle(FlowFrame frame, UserMessage message, DateTimeOffset now);

    /// <summary>The flow is on top again after the one that interrupted it ended: what to say to pick up where it was.</summary>
    IReadOnlyList<string> PickUp(FlowFrame frame);

    /// <summary>The frame's expiry passed while it was on the stack: what to say and publish as it is dropped.</summary>
    FlowEnding Expire(FlowFrame frame, DateTimeOffset now);
}

/// <summary>The flow that a conversation falls back to when nothing else is running.</summary>
public interface IDefaultConversationFlow : IConversationFlow
{
    FlowFrame Begin();
}

/// <summary>What a flow decided for one message.</summary>
/// <param name="Next">The flow's frame after the message, or null when the flow ended with it.</param>
/// <param name="Replies">What to say to the user, in order.</param>
/// <param name="Events">What to publish once the decision is saved.</param>
public sealed record FlowStep(FlowFrame? Next, IReadOnlyList<string> Replies, IReadOnlyList<object> Events)
{
    public static FlowStep Stay(FlowFrame next, params IReadOnlyList<string> replies) => new(next, replies, []);
}

/// <summary>What to say and publish as a flow is dropped.</summary>
public sealed record FlowEnding(IReadOnlyList<string> Replies, IReadOnlyList<object> Events);
