using System.Globalization;
using System.Text;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// What a <see cref="SendNotification"/> must hold before anything is sent. The limits follow what
/// the channels accept (Teams refuses messages over about 28 KB) and what the Registry can key a
/// reference by, so that a command that could never be delivered fails at once with the reason.
/// </summary>
public static class NotificationValidation
{
    public const int MaxNotificationIdLength = 200;

    /// <summary>Teams refuses messages over about 28 KB; the text alone must stay under that.</summary>
    public const int MaxTextLength = 28_000;

    public const int MaxAttachments = 10;

    /// <summary>An attachment's inline content (e.g. an Adaptive Card) as UTF-8 JSON: Teams' message limit again.</summary>
    public const int MaxAttachmentContentBytes = 28 * 1024;

    public const int MaxContentUrlLength = 2048;

    /// <summary>Content types and file names.</summary>
    public const int MaxAttachmentTextLength = 256;

    /// <summary>The longest channel or user id the Registry keys a reference by.</summary>
    public const int MaxRecipientIdLength = 512;

    public const int MaxTenantIdLength = 128;

    /// <returns>Null when the command can be delivered, else the first problem, phrased for the publisher.</returns>
    public static string? Problem(SendNotification command) => command switch
    {
        { NotificationId: null } or { NotificationId.Length: 0 } => "notificationId is required",
        { NotificationId.Length: > MaxNotificationIdLength } => $"notificationId is longer than {MaxNotificationIdLength} characters",
        _ when command.NotificationId.Any(char.IsControl) => "notificationId must not contain control characters",
        { Recipient: null } => "recipient is required",
        { Recipient.ChannelId: null or "" } => "recipient.channelId is required",
        { Recipient.UserId: null or "" } => "recipient.userId is required",
        { Recipient.ChannelId.Length: > MaxRecipientIdLength } => $"recipient.channelId is longer than {MaxRecipientIdLength} characters",
        { Recipient.UserId.Length: > MaxRecipientIdLength } => $"recipient.userId is longer than {MaxRecipientIdLength} characters",
        { Recipient.TenantId.Length: > MaxTenantIdLength } => $"recipient.tenantId is longer than {MaxTenantIdLength} characters",
        _ when command.Recipient.ChannelId.Any(char.IsControl) || command.Recipient.UserId.Any(char.IsControl) || command.Recipient.TenantId?.Any(char.IsControl) == true
            => "recipient ids must not contain control characters",
        _ when string.IsNullOrWhiteSpace(command.Text) && (command.Attachments?.Count ?? 0) == 0 => "text is empty and there are no attachments: there is nothing to send",
        { Text.Length: > MaxTextLength } => $"text is longer than {MaxTextLength} characters",
        { Attachments.Count: > MaxAttachments } => $"more than {MaxAttachments} attachments",
        _ => AttachmentProblem(command.Attachments ?? []),
    };

    private static string? AttachmentProblem(IReadOnlyList<NotificationAttachment?> attachments)
    {
        for (var i = 0; i < attachments.Count; i++)
        {
            var problem = attachments[i] switch
            {
                null or { ContentType: null } => "needs a contentType",
                { ContentType: var type } when string.IsNullOrWhiteSpace(type) => "needs a contentType",
                { ContentType.Length: > MaxAttachmentTextLength } => $"has a contentType longer than {MaxAttachmentTextLength} characters",
                { Name.Length: > MaxAttachmentTextLength } => $"has a name longer than {MaxAttachmentTextLength} characters",
                { ContentUrl.Length: > MaxContentUrlLength } => $"has a contentUrl longer than {MaxContentUrlLength} characters",
                { ContentUrl: { } url } when !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                    => "has a contentUrl that is not an absolute http(s) URL",
                { Content: { } content } when Encoding.UTF8.GetByteCount(content.GetRawText()) > MaxAttachmentContentBytes
                    => $"has content larger than {MaxAttachmentContentBytes} bytes",
                _ => null,
            };
            if (problem is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"attachment {i} {problem}");
            }
        }

        return null;
    }
}
