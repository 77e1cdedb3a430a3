namespace ProactiveSuite.Dispatcher.Scheduling;

/// <summary>
/// Deliveries waiting for a later time, kept in the store: RabbitMQ 3.10 as Debian ships it has no
/// delayed-message plugin, so waits (Retry-After, backoff, pacing, not-before) cannot live in the
/// broker; in the store they survive restarts and work the same on every transport.
/// </summary>
public interface IDeliverySchedule
{
    Task AddAsync(ScheduledDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> due items for <paramref name="lease"/>, so that two Dispatchers
    /// polling the same store do not both hand one over; an item whose claimer died becomes due again.
    /// </summary>
    Task<IReadOnlyList<ScheduledDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    Task RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes every waiting delivery for one recipient (<c>UserKey.Value</c>); idempotent.</summary>
    /// <returns>How many were removed.</returns>
    Task<int> RemoveRecipientAsync(string recipient, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
