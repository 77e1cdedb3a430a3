namespace ProactiveSuite.Contracts.Notifications;

/// <summary>Event: the channel's connector accepted a notification for one recipient.</summary>
/// <param name="NotificationId">The notification's id from <see cref="SendNotification.NotificationId"/>.</param>
/// <param name="Recipient">Who it was delivered to.</param>
/// <param name="ConversationId">The conversation it was posted into.</param>
/// <param name="ActivityId">The connector's id of the posted activity (its <c>ResourceResponse.id</c>).</param>
/// <param name="ConversationCreated">True when no conversation was stored and one was created for this delivery.</param>
/// <param name="DeliveredAt">When the connector accepted it.</param>
public sealed record NotificationDelivered(
    string NotificationId,
    Recipient Recipient,
    string ConversationId,
    string? ActivityId,
    bool ConversationCreated,
    DateTimeOffset DeliveredAt);
