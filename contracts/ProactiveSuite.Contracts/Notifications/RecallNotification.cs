namespace ProactiveSuite.Contracts.Notifications;

/// <summary>
/// Command: take a notification back. Recipients not yet delivered are not posted to (they count as cancelled, as
/// after <see cref="CancelNotification"/>), and every delivered copy is deleted from its conversation through the
/// channel's connector; a copy the channel no longer has counts as recalled. Acts once per copy however often it is
/// published; a recalled notification can no longer be edited.
/// </summary>
/// <param name="NotificationId">The notification to recall.</param>
public sealed record RecallNotification(string NotificationId);
