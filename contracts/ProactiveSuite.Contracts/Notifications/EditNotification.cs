namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Command: replace a notification's content. Every delivered copy is updated in place through the channel's
/// connector, and recipients not yet delivered receive the new content. The content is validated like a
/// <see cref="SendNotification"/>'s; an edit of a recalled notification is refused. Publishing the same content twice
/// changes each copy once.
/// </summary>
/// <remarks>Properties are optional on the wire, so that an incomplete command is refused with what is missing.</remarks>
public sealed record EditNotification
{
    /// <summary>The notification to edit.</summary>
    public string? NotificationId { get; init; }

    /// <summary>The new text.</summary>
    public string? Text { get; init; }

    /// <summary>The new attachments (they replace the old ones; none: the copies keep no attachment).</summary>
    public IReadOnlyList<NotificationAttachment>? Attachments { get; init; }
}
