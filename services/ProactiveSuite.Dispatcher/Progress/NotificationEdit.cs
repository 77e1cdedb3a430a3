using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Progress;

/// <summary>The content a notification was edited to, which every copy is brought to.</summary>
/// <param name="Revision">
/// Names the content (a hash of it): a copy showing this revision needs no update, so the same edit published twice
/// updates each copy once, and a later edit to other content updates it again.
/// </param>
public sealed record NotificationEdit(string Revision, string? Text, IReadOnlyList<NotificationAttachment> Attachments, DateTimeOffset RequestedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static NotificationEdit Of(string? text, IReadOnlyList<NotificationAttachment>? attachments, DateTimeOffset now)
    {
        var content = JsonSerializer.Serialize(new { text, attachments = attachments ?? [] }, Json);
        return new NotificationEdit(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16], text, attachments ?? [], now);
    }
}
