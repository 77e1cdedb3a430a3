namespace ProactiveSuite.Conversations.Flows;

/// <summary>One flow running in a conversation: a frame of the conversation's stack.</summary>
/// <param name="Id">This run of the flow, e.g. <c>survey:pulse-2026-11</c>; remembered when it ends, so it is not run twice.</param>
/// <param name="Flow">The <see cref="IConversationFlow.Name"/> of the flow that handles the frame.</param>
/// <param name="State">
/// The flow's own state, as JSON that only that flow reads. The stack never needs the flows' types, so a
/// service can push or inspect one flow without knowing the others.
/// </param>
/// <param name="ExpiresAt">When the frame is dropped if it is still on the stack; null for never.</param>
public sealed record FlowFrame(string Id, string Flow, string State, DateTimeOffset? ExpiresAt = null)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && now >= expiresAt;
}
