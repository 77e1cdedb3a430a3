using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Conversations.Flows;

namespace ProactiveSuite.Conversations.State;

/// <summary>A conversation's flow state as a storage item: what <see cref="ConversationFlowState"/> looks like in the store.</summary>
internal sealed class StoredConversationState : IStoreItem
{
    public string? ETag { get; set; }

    public List<StoredFrame> Frames { get; set; } = [];

    public List<string> Ended { get; set; } = [];

    public string? LastActivityId { get; set; }

    /// <summary>
    /// The users whose messages or notifications wrote this state (<see cref="ConversationKey.Participant"/>).
    /// The adapters keep it beside the item (<see cref="Storage.IConversationStorage.ParticipantsProperty"/>)
    /// so that a user's states can be found and erased.
    /// </summary>
    public List<string> Participants { get; set; } = [];

    /// <summary>Events of saved decisions not yet published: written with the state, removed once published.</summary>
    public List<PendingEvent> Outbox { get; set; } = [];

    /// <summary>
    /// When the oldest outbox event was saved, null when none waits. The adapters keep it beside the item
    /// (<see cref="Storage.IConversationStorage.OutboxSinceProperty"/>) so that the relay finds stranded events.
    /// </summary>
    public DateTimeOffset? OutboxSince { get; set; }

    public static StoredConversationState From(ConversationFlowState state, string eTag, IEnumerable<string> participants, IReadOnlyList<PendingEvent> outbox) => new()
    {
        ETag = eTag,
        Outbox = [.. outbox],
        OutboxSince = outbox.Count == 0 ? null : outbox.Min(e => e.SavedAt),
        Frames = [.. state.Frames.Select(f => new StoredFrame { Id = f.Id, Flow = f.Flow, State = f.State, ExpiresAt = f.ExpiresAt })],
        Ended = [.. state.Ended],
        LastActivityId = state.LastActivityId,
        Participants = [.. participants.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
    };

    /// <summary>Reads an item as the adapters return it (a JObject with its eTag).</summary>
    public static StoredConversationState Read(object item) => item switch
    {
        StoredConversationState stored => stored,
        JObject json => json.ToObject<StoredConversationState>() ?? new StoredConversationState(),
        _ => throw new InvalidDataException($"A conversation's flow state is stored as {item.GetType().Name}, not as JSON."),
    };

    public ConversationFlowState ToState() => new()
    {
        Frames = [.. Frames.Select(f => new FlowFrame(f.Id, f.Flow, f.State, f.ExpiresAt))],
        Ended = [.. Ended],
        LastActivityId = LastActivityId,
    };

    internal sealed class StoredFrame
    {
        public string Id { get; set; } = "";

        public string Flow { get; set; } = "";

        public string State { get; set; } = "";

        public DateTimeOffset? ExpiresAt { get; set; }
    }
}
