using System.Globalization;
using System.Text.Json.Serialization;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>
/// One notification for one recipient: the unit of idempotency. The recipient is a user
/// (<see cref="UserId"/>) or a group conversation (<see cref="ConversationId"/>), never both.
/// </summary>
public readonly record struct DeliveryKey(string NotificationId, string ChannelId, string? UserId, string? ConversationId = null)
{
    /// <summary>The key of <paramref name="recipient"/>'s delivery: its conversation when it names one, else its user.</summary>
    public static DeliveryKey Of(string notificationId, Recipient recipient) => recipient.ConversationId is { } conversationId
        ? new(notificationId, recipient.ChannelId, null, conversationId)
        : new(notificationId, recipient.ChannelId, recipient.UserId);

    [JsonIgnore]
    public bool IsConversation => ConversationId is not null;

    /// <summary>
    /// One string for the store. The notification id is length-prefixed because publishers choose it
    /// freely: no separator could be kept out of it. A user's key starts with that length (a digit), a
    /// conversation's with <c>c:</c>, so no user id or conversation id can make one look like the other.
    /// </summary>
    [JsonIgnore]
    public string Value => IsConversation
        ? string.Create(CultureInfo.InvariantCulture, $"c:{NotificationId.Length}:{NotificationId}|{ChannelId.ToLowerInvariant()}|{ConversationId}")
        : string.Create(CultureInfo.InvariantCulture, $"{NotificationId.Length}:{NotificationId}|{ChannelId.ToLowerInvariant()}|{UserId}");

    /// <summary>The recipient this delivery is for, as the bus names it.</summary>
    public Recipient RecipientOf(string? tenantId) => new(ChannelId, UserId, tenantId, ConversationId);

    /// <summary>Who it is for, for operators: the user id, or the conversation id.</summary>
    [JsonIgnore]
    public string Target => ConversationId ?? UserId ?? "";

    /// <summary>The user whose erasure removes what waits for this delivery (<see cref="UserKey.Value"/>); null for a group conversation.</summary>
    [JsonIgnore]
    public string? ErasableUser => UserId is null || IsConversation ? null : UserKey.From(ChannelId, UserId).Value;

    public override string ToString() => Value;
}
