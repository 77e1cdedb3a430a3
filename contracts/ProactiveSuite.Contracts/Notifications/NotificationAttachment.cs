using System.Text.Json;

namespace ProactiveSuite.Contracts.Notifications;

/// <summary>An attachment of a notification, as the Bot Framework activity schema defines it.</summary>
/// <param name="ContentType">The MIME type, e.g. <c>application/vnd.microsoft.card.adaptive</c> or <c>image/png</c>.</param>
/// <param name="ContentUrl">Where the content can be fetched, for media attachments.</param>
/// <param name="Content">The inline content, for cards: any JSON value.</param>
/// <param name="Name">An optional name, e.g. a file name.</param>
public sealed record NotificationAttachment(
    string ContentType,
    string? ContentUrl = null,
    JsonElement? Content = null,
    string? Name = null);
