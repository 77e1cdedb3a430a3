using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Conversations.State;

/// <summary>
/// Identifies one conversation's state. Channel ids compare without case (as everywhere in ProactiveSuite);
/// conversation ids exactly.
/// </summary>
public readonly record struct ConversationKey
{
    /// <param name="channelId">The channel.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="userId">
    /// The user whose message or notification this is about. Recorded in the state as one of its
    /// participants, so that erasing the user's data (<see cref="Participant"/>) finds the conversations
    /// they took part in; the state is keyed by conversation only.
    /// </param>
    public ConversationKey(string channelId, string conversationId, string? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ChannelId = channelId.Trim().ToLowerInvariant();
        ConversationId = conversationId;
        // Exactly as given, like every user id: trimmed, it could name another user.
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
    }

    public string ChannelId { get; }

    public string ConversationId { get; }

    public string? UserId { get; }

    /// <summary>How the state names its participant <see cref="UserId"/> (<see cref="UserKey.Value"/>), or null when none is known.</summary>
    public string? Participant => UserId is null ? null : UserKey.From(ChannelId, UserId).Value;

    /// <summary>
    /// The storage key: the SDK's ConversationState key (<c>{channelId}/conversations/{id}</c>) plus
    /// <c>/flows</c>, so a bot's own BotState can share the storage without the two overwriting each other.
    /// </summary>
    public string StorageKey => $"{ChannelId}/conversations/{ConversationId}/flows";

    public override string ToString() => StorageKey;
}
