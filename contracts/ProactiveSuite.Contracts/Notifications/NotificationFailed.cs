namespace ProactiveSuite.Contracts.Notifications;

/// <summary>Event: a notification could not be delivered, and will not be without a new command.</summary>
/// <param name="NotificationId">The notification's id, or an empty string when the command had none.</param>
/// <param name="Recipient">The recipient, when the command named one.</param>
/// <param name="ReasonCode">A stable, machine-readable code: one of <see cref="NotificationFailureReasons"/>.</param>
/// <param name="Reason">A human-readable explanation.</param>
/// <param name="FailedAt">When the Dispatcher gave up.</param>
public sealed record NotificationFailed(
    string NotificationId,
    Recipient? Recipient,
    string ReasonCode,
    string Reason,
    DateTimeOffset FailedAt);

/// <summary>The reason codes of <see cref="NotificationFailed.ReasonCode"/>. New codes may be added.</summary>
public static class NotificationFailureReasons
{
    /// <summary>The command itself is not valid (missing recipient, empty text, …); the reason says what.</summary>
    public const string Invalid = "Invalid";

    /// <summary>No conversation with the user is stored and the command did not allow creating one (or it could not be).</summary>
    public const string NoReference = "NoReference";

    /// <summary>The channel's connector refused the message; the reason carries its status code and error.</summary>
    public const string ConnectorRejected = "ConnectorRejected";

    /// <summary>
    /// The connector could not be reached or kept failing for a passing reason (throttling, 5xx,
    /// timeouts) through every attempt; the reason says how many and the last answer.
    /// </summary>
    public const string Transient = "Transient";

    /// <summary>The user's reference was revoked (they blocked or removed the bot) and they have not written since.</summary>
    public const string ReferenceRevoked = "ReferenceRevoked";

    /// <summary>403 ConversationBlockedByUser: the user blocked the bot. The reference is revoked.</summary>
    public const string UserBlocked = "UserBlocked";

    /// <summary>403 BotDisabledByAdmin: the tenant's admin disabled the bot. The reference is revoked.</summary>
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";

    /// <summary>403 BotNotInConversationRoster: the bot was removed. The reference is revoked.</summary>
    public const string BotRemoved = "BotRemoved";

    /// <summary>403 ForbiddenOperationException: the bot is not installed for the user. The reference is revoked.</summary>
    public const string NotInstalled = "NotInstalled";

    /// <summary>404 ConversationNotFound: the conversation is gone. The reference is revoked.</summary>
    public const string ConversationNotFound = "ConversationNotFound";

    /// <summary>413 MessageSizeTooBig: the channel refuses a message this large.</summary>
    public const string MessageTooLarge = "MessageTooLarge";

    /// <summary>401 BotNotRegistered or bad credentials: the operator must fix the bot's registration.</summary>
    public const string BotNotRegistered = "BotNotRegistered";

    /// <summary>
    /// The stored (or configured) serviceUrl is not an allowed connector host, so the bot's
    /// credentials were not sent there; the reason names the host. Nothing was sent.
    /// </summary>
    public const string ServiceUrlNotAllowed = "ServiceUrlNotAllowed";
}
