namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Command: deliver one message to many users: an explicit list (up to 100,000), or everyone the
/// Registry can reach in a channel (optionally one tenant). Each recipient gets a
/// <see cref="NotificationDelivered"/> or <see cref="NotificationFailed"/>; when the last one is
/// settled, <see cref="NotificationCompleted"/> sums it up. Progress: <c>GET /notifications/{id}</c>.
/// </summary>
public sealed record SendBroadcast
{
    /// <summary>Maximum size of <see cref="BroadcastAudience.Recipients"/>.</summary>
    public const int MaxRecipients = 100_000;

    /// <summary>The publisher's id for this broadcast; with each recipient, the idempotency key.</summary>
    public string? NotificationId { get; init; }

    /// <summary>Who receives it.</summary>
    public BroadcastAudience? Audience { get; init; }

    /// <summary>The message text.</summary>
    public string? Text { get; init; }

    /// <summary>Optional attachments, e.g. an Adaptive Card.</summary>
    public IReadOnlyList<NotificationAttachment>? Attachments { get; init; }

    /// <summary>For listed recipients with no stored conversation: create one instead of failing with <c>NoReference</c>.</summary>
    public bool CreateConversationIfMissing { get; init; }

    /// <summary>Deliver no earlier than this; null: now.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}

/// <summary>
/// Who a broadcast reaches: either <see cref="Recipients"/>, or every active reference in
/// <see cref="ChannelId"/> (and <see cref="TenantId"/> when given).
/// </summary>
public sealed record BroadcastAudience
{
    /// <summary>An explicit list of recipients.</summary>
    public IReadOnlyList<Recipient>? Recipients { get; init; }

    /// <summary>Everyone reachable in this channel (when <see cref="Recipients"/> is not given).</summary>
    public string? ChannelId { get; init; }

    /// <summary>With <see cref="ChannelId"/>: only this tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// With <see cref="ChannelId"/>: which conversations, one of <see cref="BroadcastScopes"/>; null: personal.
    /// </summary>
    public string? Scope { get; init; }
}

/// <summary>The values of <see cref="BroadcastAudience.Scope"/>.</summary>
public static class BroadcastScopes
{
    /// <summary>Every user's one-to-one conversation (the default).</summary>
    public const string Personal = "personal";

    /// <summary>Every group chat the bot is in.</summary>
    public const string GroupChats = "groupChats";

    /// <summary>Every Teams channel the bot can post into.</summary>
    public const string Channels = "channels";

    /// <summary>Each Teams team's own channel, the one the bot was added to with the team: one post per team.</summary>
    public const string Teams = "teams";
}
