namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Command: stop delivering a notification (typically a broadcast). Recipients not yet delivered are
/// not posted to and count as cancelled; those already delivered stay delivered.
/// </summary>
/// <param name="NotificationId">The notification to stop.</param>
public sealed record CancelNotification(string NotificationId);
