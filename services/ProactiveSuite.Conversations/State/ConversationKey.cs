namespace ProactiveSuite.Conversations.State;

/// <summary>
/// Identifies one conversation's state. Channel ids compare without case (as everywhere in ProactiveSuite);
/// conversation ids exactly.
/// </summary>
public readonly record struct ConversationKey
{
    public ConversationKey(string channelId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ChannelId = channelId.Trim().ToLowerInvariant();
        ConversationId = conversationId;
    }

    public string ChannelId { get; }

    public string ConversationId { get; }

    /// <summary>
    /// The storage key: the SDK's ConversationState key (<c>{channelId}/conversations/{id}</c>) plus
    /// <c>/flows</c>, so a bot's own BotState can share the storage without the two overwriting each other.
    /// </summary>
    public string StorageKey => $"{ChannelId}/conversations/{ConversationId}/flows";

    public override string ToString() => StorageKey;
}
