using System.Collections.Immutable;

namespace ProactiveSuite.Conversations.Flows;

/// <summary>
/// What a conversation is in the middle of: a stack of flows, the top one handling the user's next message.
/// Immutable, so a decision taken on it can be thrown away and taken again when another writer came first.
/// </summary>
public sealed record ConversationFlowState
{
    /// <summary>How many ended frame ids are remembered, newest first; enough to recognise a command delivered again.</summary>
    public const int RememberedEndings = 50;

    public static ConversationFlowState Empty { get; } = new();

    /// <summary>The flows, bottom first; the last one is on top.</summary>
    public ImmutableList<FlowFrame> Frames { get; init; } = [];

    /// <summary>The ids of the frames that ended here, oldest first.</summary>
    public ImmutableList<string> Ended { get; init; } = [];

    /// <summary>The channel's id of the last user activity handled, to recognise the same activity delivered again.</summary>
    public string? LastActivityId { get; init; }

    public FlowFrame? Top => Frames.IsEmpty ? null : Frames[^1];

    public ConversationFlowState Push(FlowFrame frame) => this with { Frames = Frames.Add(frame) };

    public ConversationFlowState ReplaceTop(FlowFrame frame) =>
        this with { Frames = Frames.SetItem(Frames.Count - 1, frame) };

    /// <summary>The top flow ended: it leaves the stack and its id is remembered.</summary>
    public ConversationFlowState EndTop()
    {
        var top = Top ?? throw new InvalidOperationException("The stack is empty: no flow to end.");
        var ended = Ended.Remove(top.Id).Add(top.Id);
        return this with
        {
            Frames = Frames.RemoveAt(Frames.Count - 1),
            Ended = ended.Count > RememberedEndings ? ended.RemoveRange(0, ended.Count - RememberedEndings) : ended,
        };
    }

    /// <summary>A frame that never really ran (e.g. its first message could not be delivered) leaves without a trace.</summary>
    public ConversationFlowState Withdraw(string frameId) =>
        this with { Frames = Frames.RemoveAll(f => f.Id == frameId) };

    public bool HasEnded(string frameId) => Ended.Contains(frameId);
}
