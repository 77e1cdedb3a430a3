namespace ProactiveSuite.Contracts.References;

/// <summary>
/// Event: a user, or a group conversation, can no longer be reached through its stored reference (the
/// user blocked the bot, the bot was removed or disabled, the conversation is gone). The Registry stops
/// answering look-ups with that reference until a newer <see cref="ReferenceCaptured"/> (the user writes
/// again, the bot is added again).
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="UserId">
/// The user's id in that channel; null when a group chat, Teams channel or team is revoked as a whole
/// (<paramref name="ConversationId"/> names it).
/// </param>
/// <param name="ConversationId">The conversation that can no longer be written to.</param>
/// <param name="ReasonCode">Why: one of <see cref="RevocationReasons"/>.</param>
/// <param name="Reason">A human-readable explanation, e.g. the connector's answer.</param>
/// <param name="RevokedAt">When it was learnt; a capture older than this does not bring the reference back.</param>
public sealed record ReferenceRevoked(
    string ChannelId,
    string? UserId,
    string ConversationId,
    string ReasonCode,
    string Reason,
    DateTimeOffset RevokedAt);

/// <summary>The reason codes of <see cref="ReferenceRevoked.ReasonCode"/>. New codes may be added.</summary>
public static class RevocationReasons
{
    /// <summary>403 ConversationBlockedByUser: the user blocked the bot.</summary>
    public const string UserBlocked = "UserBlocked";

    /// <summary>403 BotDisabledByAdmin: the tenant's admin disabled the bot.</summary>
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";

    /// <summary>403 BotNotInConversationRoster, or an <c>installationUpdate</c> removing the bot.</summary>
    public const string BotRemoved = "BotRemoved";

    /// <summary>403 ForbiddenOperationException: the bot is not installed in the user's personal scope.</summary>
    public const string NotInstalled = "NotInstalled";

    /// <summary>404 ConversationNotFound: the conversation no longer exists.</summary>
    public const string ConversationNotFound = "ConversationNotFound";
}
