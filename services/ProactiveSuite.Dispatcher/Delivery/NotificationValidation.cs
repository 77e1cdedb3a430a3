using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>What a <see cref="SendNotification"/> or <see cref="SendBroadcast"/> must hold before anything is sent.</summary>
public static class NotificationValidation
{
    public const int MaxNotificationIdLength = 200;

    /// <summary>Teams refuses messages over about 28 KB; the text alone must stay under that.</summary>
    public const int MaxTextLength = 28_000;

    public const int MaxAttachments = 10;

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
        _ => null,
    };

    private static string? RecipientProblem(Recipient? recipient, string name) => recipient switch
    {
        null => $"{name} is required",
        { ChannelId: null or "" } => $"{name}.channelId is required",
        { UserId: null or "" } => $"{name}.userId is required",
        _ => null,
    };

    private static string? AudienceProblem(BroadcastAudience? audience) => audience switch
    {
        null => "audience is required",
        { Recipients: not null, ChannelId: not null } => "audience takes either recipients or channelId, not both",
        { Recipients: null, ChannelId: null or "" } => "audience needs recipients or a channelId",
        { Recipients.Count: 0 } => "audience.recipients is empty",
        { Recipients.Count: > SendBroadcast.MaxRecipients } => $"audience.recipients has more than {SendBroadcast.MaxRecipients} recipients",
        { Recipients: { } recipients } => recipients.Select((r, i) => RecipientProblem(r, $"audience.recipients[{i}]")).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private static string? MessageProblem(string? text, IReadOnlyList<NotificationAttachment>? attachments) => (text, attachments) switch
    {
        _ when string.IsNullOrWhiteSpace(text) && (attachments?.Count ?? 0) == 0 => "text is empty and there are no attachments: there is nothing to send",
        ({ Length: > MaxTextLength }, _) => $"text is longer than {MaxTextLength} characters",
        (_, { Count: > MaxAttachments }) => $"more than {MaxAttachments} attachments",
        _ when attachments?.Any(a => a is null || string.IsNullOrWhiteSpace(a.ContentType)) == true => "every attachment needs a contentType",
        _ => null,
    };
}
