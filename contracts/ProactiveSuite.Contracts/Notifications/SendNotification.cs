namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Command: deliver an ad-hoc proactive message to one user. The Dispatcher answers with
/// <see cref="NotificationDelivered"/> or <see cref="NotificationFailed"/>.
/// </summary>
/// <remarks>
/// Properties are optional on the wire so that a command with missing parts still reaches the
/// Dispatcher and is answered with a <see cref="NotificationFailed"/> that says what is missing,
/// instead of being lost to a deserialisation error.
/// </remarks>
public sealed record SendNotification
{
    /// <summary>
    /// The publisher's id for this notification; also the idempotency key: the same id for the
    /// same recipient is delivered once.
    /// </summary>
    public string? NotificationId { get; init; }

    /// <summary>Who receives the message.</summary>
    public Recipient? Recipient { get; init; }

    /// <summary>The message text (plain text or markdown, as the channel supports).</summary>
    public string? Text { get; init; }

    /// <summary>Optional attachments, e.g. an Adaptive Card.</summary>
    public IReadOnlyList<NotificationAttachment>? Attachments { get; init; }

    /// <summary>
    /// When no conversation with the user is stored, create a one-to-one conversation through the
    /// channel's connector instead of failing with <c>NoReference</c>. Default: false.
    /// </summary>
    public bool CreateConversationIfMissing { get; init; }

    /// <summary>Deliver no earlier than this (kept in the store, so it survives restarts); null: now.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
