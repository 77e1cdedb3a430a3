using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Scheduling.Stores;

/// <summary>
/// The schedule, one document per waiting item. Due items are claimed in one atomic change each, so
/// Dispatchers polling together never hand the same item over twice within a lease.
/// </summary>
internal sealed class DeliverySchedule(IDocumentStore store) : IDeliverySchedule
{
    private const string DueAt = "delivery.dueAt";
    private const string Recipient = "delivery.recipient";
    private const string ClaimedUntil = "claimedUntil";

    private readonly IDocuments<ScheduledItem> _scheduled = store.Collection<ScheduledItem>(new CollectionSpec("scheduledDeliveries", [DueAt, ClaimedUntil], [Recipient]));

    public Task AddAsync(ScheduledDelivery delivery, CancellationToken cancellationToken) =>
        _scheduled.InsertAsync(delivery.Id, new ScheduledItem(delivery, DateTimeOffset.UnixEpoch), cancellationToken);

    public async Task<IReadOnlyList<ScheduledDelivery>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var due = Filter.Lte(DueAt, now) & Filter.Lte(ClaimedUntil, now);
        var claimed = await _scheduled.ClaimAsync(due, new Sort(DueAt), max, Update.Set(ClaimedUntil, now + lease), cancellationToken);
        return [.. claimed.Select(item => item.Delivery).OrderBy(delivery => delivery.DueAt)];
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken) =>
        _scheduled.DeleteAsync(Filter.Eq(Filter.Id, id), cancellationToken);

    public Task<int> RemoveRecipientAsync(string recipient, CancellationToken cancellationToken) =>
        _scheduled.DeleteAsync(Filter.Eq(Recipient, recipient), cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => _scheduled.CountAsync(null, cancellationToken);

    /// <summary>A scheduled delivery as stored: with the time its current claim runs out (the epoch: unclaimed).</summary>
    internal sealed record ScheduledItem(ScheduledDelivery Delivery, DateTimeOffset ClaimedUntil);
}
