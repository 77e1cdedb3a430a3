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
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId.Trim();
    }

    public string ChannelId { get; }

    public string ConversationId { get; }

    public string? UserId { get; }

    /// <summary>How the state names its participant <see cref="UserId"/>, or null when none is known.</summary>
    public string? Participant => UserId is null ? null : ParticipantOf(ChannelId, UserId);

    /// <summary>A user as a participant: the channel id lower-case, the user id exact (as <c>UserKey</c>).</summary>
    public static string ParticipantOf(string channelId, string userId) => $"{channelId.Trim().ToLowerInvariant()}|{userId.Trim()}";

    /// <summary>
    /// The storage key: the SDK's ConversationState key (<c>{channelId}/conversations/{id}</c>) plus
    /// <c>/flows</c>, so a bot's own BotState can share the storage without the two overwriting each other.
    /// </summary>
    public string StorageKey => $"{ChannelId}/conversations/{ConversationId}/flows";

    public override string ToString() => StorageKey;
}
