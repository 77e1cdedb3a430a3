namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>
/// The delivery ledger: one record per notification and recipient, so that a command delivered twice
/// on the bus, or redelivered after a crash, is posted once. MongoDB in production, embedded by default.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Applies <see cref="ClaimRule"/> atomically, creating the record on first sight.</summary>
    Task<DeliveryClaim> ClaimAsync(DeliveryKey key, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Replaces the record of <paramref name="record"/>'s key (after a claim this Dispatcher holds).</summary>
    Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(DeliveryKey key, CancellationToken cancellationToken);

    /// <summary>Removes every record about one user (erasure); returns how many.</summary>
    /// <param name="channelId">The channel, lower-case.</param>
    Task<int> EraseUserAsync(string channelId, string userId, CancellationToken cancellationToken);

    /// <summary>The outcome of a settled record is published and counted: it owes no report any more (<see cref="DeliveryRecord.Unreported"/>).</summary>
    Task MarkReportedAsync(DeliveryKey key, CancellationToken cancellationToken);

    /// <summary>One notification's settled records, counted by state and failure reason (once per notification, when it may be finished).</summary>
    Task<SettledCounts> CountSettledAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>One notification's records waiting for a retry (<see cref="DeliveryRecord.RetryAt"/> set); null when none wait.</summary>
    Task<RetryWaits?> FindRetryWaitsAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>The records of one notification, in key order, after <paramref name="after"/> (a key value).</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListAsync(string notificationId, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record's <see cref="DeliveryRecord.Copy"/> with <paramref name="replacement"/>, atomically, only while
    /// the stored one is still <paramref name="expected"/> (same <see cref="DeliveredCopy.Version"/>; null: none stored).
    /// Nothing else of the record changes. False when it changed meanwhile (or the record is gone).
    /// </summary>
    Task<bool> TrySaveCopyAsync(DeliveryKey key, DeliveredCopy? expected, DeliveredCopy replacement, CancellationToken cancellationToken);

    /// <summary>The delivered records in one conversation whose copy is not marked read yet.</summary>
    /// <param name="channelId">The channel, lower-case.</param>
    Task<IReadOnlyList<DeliveryRecord>> ListUnreadInConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>How many of one notification's copies are read, recalled and edited.</summary>
    Task<CopyCounts> CountCopiesAsync(string notificationId, CancellationToken cancellationToken);
}
