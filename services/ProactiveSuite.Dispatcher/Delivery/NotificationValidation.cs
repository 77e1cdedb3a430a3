using System.Globalization;
using System.Text;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// What a <see cref="SendNotification"/> or <see cref="SendBroadcast"/> must hold before anything is
/// sent. The limits follow what the channels accept (Teams refuses messages over about 28 KB) and what
/// the Registry can key a reference by, so that a command that could never be delivered fails at once
/// with the reason.
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
    public static string? Problem(SendNotification command) =>
        IdProblem(command.NotificationId)
        ?? RecipientProblem(command.Recipient, "recipient")
        ?? MessageProblem(command.Text, command.Attachments);

    /// <returns>Null when the broadcast can be fanned out, else the first problem.</returns>
    public static string? Problem(SendBroadcast command) =>
        IdProblem(command.NotificationId)
        ?? AudienceProblem(command.Audience)
        ?? MessageProblem(command.Text, command.Attachments);

    private static string? IdProblem(string? notificationId) => notificationId switch
    {
        null or "" => "notificationId is required",
        { Length: > MaxNotificationIdLength } => $"notificationId is longer than {MaxNotificationIdLength} characters",
        _ when notificationId.Any(char.IsControl) => "notificationId must not contain control characters",
        _ when notificationId.StartsWith(Surveys.SurveyOpening.NotificationIdPrefix, StringComparison.Ordinal) =>
            $"notificationId must not start with '{Surveys.SurveyOpening.NotificationIdPrefix}' (the ledger's name for survey openings)",
        _ => null,
    };

    private static string? RecipientProblem(Recipient? recipient, string name) => recipient switch
    {
        null => $"{name} is required",
        { ChannelId: null or "" } => $"{name}.channelId is required",
        { ChannelId.Length: > MaxRecipientIdLength } => $"{name}.channelId is longer than {MaxRecipientIdLength} characters",
        { TenantId.Length: > MaxTenantIdLength } => $"{name}.tenantId is longer than {MaxTenantIdLength} characters",
        _ when recipient.ChannelId.Any(char.IsControl) || recipient.TenantId?.Any(char.IsControl) == true
            => name == "recipient" ? "recipient ids must not contain control characters" : $"{name} ids must not contain control characters",
        { UserId: not null, ConversationId: not null } => $"{name} takes either userId or conversationId, not both",
        { UserId: null, ConversationId: null } => $"{name}.userId is required (or {name}.conversationId, for a group chat or channel)",
        { ConversationId: { } conversationId } =>
            UserIds.Problem(conversationId, $"{name}.conversationId") ?? ConnectorPathSegments.Problem(conversationId, $"{name}.conversationId"),
        _ => UserIds.Problem(recipient.UserId, $"{name}.userId"),
    };

    private static string? AudienceProblem(BroadcastAudience? audience) => audience switch
    {
        null => "audience is required",
        { Recipients: not null, ChannelId: not null } => "audience takes either recipients or channelId, not both",
        { Recipients: null, ChannelId: null or "" } => "audience needs recipients or a channelId",
        { Recipients.Count: 0 } => "audience.recipients is empty",
        { Recipients: not null, Scope: not null } => "audience.scope goes with channelId, not with recipients",
        { Recipients.Count: > SendBroadcast.MaxRecipients } => $"audience.recipients has more than {SendBroadcast.MaxRecipients} recipients",
        { Recipients: { } recipients } => recipients.Select((r, i) => RecipientProblem(r, $"audience.recipients[{i}]")).FirstOrDefault(p => p is not null),
        { TenantId.Length: > MaxTenantIdLength } => $"audience.tenantId is longer than {MaxTenantIdLength} characters",
        { Scope: { } scope } when !Broadcasts.BroadcastScope.IsKnown(scope) =>
            $"audience.scope '{scope}' is not one of {BroadcastScopes.Personal}, {BroadcastScopes.GroupChats}, {BroadcastScopes.Channels}, {BroadcastScopes.Teams}",
        _ => null,
    };

    public static string? MessageProblem(string? text, IReadOnlyList<NotificationAttachment>? attachments) => (text, attachments) switch
    {
        _ when string.IsNullOrWhiteSpace(text) && (attachments?.Count ?? 0) == 0 => "text is empty and there are no attachments: there is nothing to send",
        ({ Length: > MaxTextLength }, _) => $"text is longer than {MaxTextLength} characters",
        (_, { Count: > MaxAttachments }) => $"more than {MaxAttachments} attachments",
        _ => AttachmentProblem(attachments ?? []),
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
