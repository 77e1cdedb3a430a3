using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>What a <see cref="SendNotification"/> must hold before anything is sent.</summary>
public static class NotificationValidation
{
    public const int MaxNotificationIdLength = 200;

    /// <summary>Teams refuses messages over about 28 KB; the text alone must stay under that.</summary>
    public const int MaxTextLength = 28_000;

    public const int MaxAttachments = 10;

    /// <returns>Null when the command can be delivered, else the first problem, phrased for the publisher.</returns>
    public static string? Problem(SendNotification command) => command switch
    {
        { NotificationId: null } or { NotificationId.Length: 0 } => "notificationId is required",
        { NotificationId.Length: > MaxNotificationIdLength } => $"notificationId is longer than {MaxNotificationIdLength} characters",
        { Recipient: null } => "recipient is required",
        { Recipient.ChannelId: null or "" } => "recipient.channelId is required",
        { Recipient.UserId: null or "" } => "recipient.userId is required",
        _ when string.IsNullOrWhiteSpace(command.Text) && (command.Attachments?.Count ?? 0) == 0 => "text is empty and there are no attachments: there is nothing to send",
        { Text.Length: > MaxTextLength } => $"text is longer than {MaxTextLength} characters",
        { Attachments.Count: > MaxAttachments } => $"more than {MaxAttachments} attachments",
        _ when command.Attachments?.Any(a => a is null || string.IsNullOrWhiteSpace(a.ContentType)) == true => "every attachment needs a contentType",
        _ => null,
    };
}
