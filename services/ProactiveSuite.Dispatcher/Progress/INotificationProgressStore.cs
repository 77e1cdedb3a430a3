namespace ProactiveSuite.Dispatcher.Progress;

/// <summary>
/// The progress of each notification, with atomic counters so that many Dispatchers settling its
/// recipients at once count each exactly once, and exactly one of them finishes it.
/// </summary>
public interface INotificationProgressStore
{
    /// <summary>Creates the progress when it does not exist yet; returns what is stored either way.</summary>
    Task<NotificationProgress> StartAsync(string notificationId, int? total, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Remembers how far a fan-out got, so that a redelivered broadcast resumes there.</summary>
    Task RecordFanOutAsync(string notificationId, int fannedOut, string? cursor, CancellationToken cancellationToken);

    /// <summary>Sets the total once the fan-out knows it; a cancelled fan-out also counts what it never sent.</summary>
    Task SetTotalAsync(string notificationId, int total, int cancelledUnsent, CancellationToken cancellationToken);

    /// <summary>Counts one recipient settled; returns the progress as this settle left it (null: no such notification).</summary>
    Task<NotificationProgress?> SettleAsync(string notificationId, Settlement settlement, string? failureReasonCode, CancellationToken cancellationToken);

    Task RecordThrottledAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>Marks the notification finished when every recipient is settled; true for exactly one caller.</summary>
    Task<bool> TryFinishAsync(string notificationId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>False when no such notification is known.</summary>
    Task<bool> RequestCancelAsync(string notificationId, CancellationToken cancellationToken);

    Task<NotificationProgress?> FindAsync(string notificationId, CancellationToken cancellationToken);
}
