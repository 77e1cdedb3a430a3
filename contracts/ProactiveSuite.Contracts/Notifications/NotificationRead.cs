namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Event: a recipient has read a delivered notification, as their channel's read receipt says (Teams personal chats).
/// Published once per recipient and notification, the first time a receipt covers its message.
/// </summary>
/// <param name="NotificationId">The notification's id.</param>
/// <param name="Recipient">Who read it.</param>
/// <param name="ConversationId">The conversation it was delivered into.</param>
/// <param name="ActivityId">The message id of the delivered copy.</param>
/// <param name="ReadAt">When the read receipt was sent.</param>
public sealed record NotificationRead(string NotificationId, Recipient Recipient, string ConversationId, string ActivityId, DateTimeOffset ReadAt);
