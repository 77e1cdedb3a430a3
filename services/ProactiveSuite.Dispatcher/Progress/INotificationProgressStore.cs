using ProactiveSuite.Dispatcher.Ledger;

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

    /// <summary>Sets the total once the fan-out knows it; a cancelled fan-out also counts what it never sent (and remembers it as <see cref="NotificationProgress.CancelledUnsent"/>).</summary>
    Task SetTotalAsync(string notificationId, int total, int cancelledUnsent, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one recipient settled, unless the notification is finished (its final counts are then the
    /// ledger's, and stay); returns the progress as this settle left it (null: no such notification).
    /// </summary>
    Task<NotificationProgress?> SettleAsync(string notificationId, Settlement settlement, string? failureReasonCode, CancellationToken cancellationToken);

    Task RecordThrottledAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks it finished with its final counts, owing its <c>NotificationCompleted</c> to <paramref name="finisher"/>,
    /// unless it is finished already; returns the finished progress for exactly one caller, else null.
    /// Whether it may finish is <see cref="FinishRule"/>'s to say, before.
    /// </summary>
    Task<NotificationProgress?> TryFinishAsync(string notificationId, SettledCounts final, string finisher, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Its <c>NotificationCompleted</c> is published: nobody owes it any more.</summary>
    Task MarkCompletionPublishedAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>False when no such notification is known.</summary>
    Task<bool> RequestCancelAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>Marks it recalled (and so cancelled too); false when no such notification is known.</summary>
    Task<bool> RequestRecallAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="edit"/> as its content from now on; false when no such notification is known.</summary>
    Task<bool> RequestEditAsync(string notificationId, NotificationEdit edit, CancellationToken cancellationToken);

    Task<NotificationProgress?> FindAsync(string notificationId, CancellationToken cancellationToken);
}
