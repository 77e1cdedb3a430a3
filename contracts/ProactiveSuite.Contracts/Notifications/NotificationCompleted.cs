namespace ProactiveSuite.Contracts.Notifications;

/// <summary>Event: every recipient of a notification is settled (delivered, failed, cancelled or unknown).</summary>
/// <param name="NotificationId">The notification.</param>
/// <param name="Total">How many recipients it had.</param>
/// <param name="Delivered">How many received it.</param>
/// <param name="Failed">How many did not, by <see cref="NotificationFailureReasons"/> code.</param>
/// <param name="Cancelled">How many were not sent to because it was cancelled.</param>
/// <param name="Throttled">How many times the channel answered 429 along the way.</param>
/// <param name="StartedAt">When the Dispatcher started it.</param>
/// <param name="FinishedAt">When the last recipient was settled.</param>
/// <param name="Unknown">How many were being sent when a Dispatcher died and the notification was cancelled before they were sent again: they may or may not have it.</param>
public sealed record NotificationCompleted(
    string NotificationId,
    int Total,
    int Delivered,
    IReadOnlyDictionary<string, int> Failed,
    int Cancelled,
    int Throttled,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Unknown = 0);
