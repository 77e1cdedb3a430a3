using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Ledger.Stores;

/// <summary>The delivery ledger, one document per delivery keyed by <see cref="DeliveryKey.Value"/>, on either engine.</summary>
internal sealed class DeliveryLedger(IDocumentStore store) : IDeliveryLedger
{
    private readonly IDocuments<DeliveryRecord> _deliveries = store.Collection<DeliveryRecord>(new CollectionSpec(
        "deliveries",
        [DeliveryFields.NotificationId, Filter.Id], // a notification's records, listed and counted
        [DeliveryFields.NotificationId, DeliveryFields.RetryAt], // its retry waits (status GET)
        [DeliveryFields.ChannelId, DeliveryFields.UserId], // erasure
        [DeliveryFields.ConversationId])); // a read receipt names a conversation

    public async Task<DeliveryClaim> ClaimAsync(DeliveryKey key, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        key = Normal(key);
        while (true)
        {
            // Each a conditional write: created on first sight or claimed when waiting; else taken over when abandoned (rare).
            var claimed = await _deliveries.UpsertAsync(key.Value, DeliveryRecord.New(key, now), ClaimRule.Waiting, ClaimRule.Claim(now, lease), cancellationToken)
                ?? await _deliveries.UpdateAsync(key.Value, ClaimRule.Abandoned(now), ClaimRule.TakeOver(now, lease), cancellationToken);
            if (claimed is not null)
            {
                return new DeliveryClaim.Granted(claimed);
            }

            // Read only to say why; claimable again by now (saved pending meanwhile): try again.
            if (await FindAsync(key, cancellationToken) is { } stored && (stored.IsSettled || stored is { State: DeliveryState.Sending, ClaimedUntil: { } until } && until > now))
            {
                return ClaimRule.Refusal(stored);
            }
        }
    }

    public Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        record = record with { Key = Normal(record.Key) };
        return _deliveries.ReplaceAsync(record.Key.Value, record, condition: null, upsert: true, cancellationToken);
    }

    public Task<DeliveryRecord?> FindAsync(DeliveryKey key, CancellationToken cancellationToken) =>
        _deliveries.FindAsync(key.Value, cancellationToken);

    public Task<int> EraseUserAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        _deliveries.DeleteAsync(Filter.Eq(DeliveryFields.ChannelId, channelId) & Filter.Eq(DeliveryFields.UserId, userId), cancellationToken);

    public Task MarkReportedAsync(DeliveryKey key, CancellationToken cancellationToken) =>
        _deliveries.UpdateAsync(key.Value, Filter.Eq(DeliveryFields.Unreported, true), Update.Set(DeliveryFields.Unreported, false), cancellationToken);

    public async Task<SettledCounts> CountSettledAsync(string notificationId, CancellationToken cancellationToken)
    {
        var settled = Filter.Eq(DeliveryFields.NotificationId, notificationId) & Filter.In(DeliveryFields.State, DeliveryRecord.SettledStates.Cast<object>());
        var groups = await _deliveries.CountByAsync(settled, [DeliveryFields.State, DeliveryFields.FailureReasonCode], cancellationToken);
        return SettledCounts.Of(groups.Select(g => (Enum.Parse<DeliveryState>(g.Values[0]!), g.Values[1], g.Count)));
    }

    public async Task<RetryWaits?> FindRetryWaitsAsync(string notificationId, CancellationToken cancellationToken)
    {
        var waiting = Filter.Eq(DeliveryFields.NotificationId, notificationId) & Filter.NotNull(DeliveryFields.RetryAt);
        var count = await _deliveries.CountAsync(waiting, cancellationToken);
        var next = await _deliveries.FindAsync(waiting, new Sort(DeliveryFields.RetryAt), 1, cancellationToken);
        var latest = await _deliveries.FindAsync(waiting, new Sort(DeliveryFields.UpdatedAt, Descending: true), 1, cancellationToken);
        // None, or attempted between the count and the reads.
        return count == 0 || next is not [{ RetryAt: { } nextAt }] || latest is not [{ } last]
            ? null
            : new RetryWaits((int)count, nextAt, RetryFailure.Of(last));
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(string notificationId, string? after, int limit, CancellationToken cancellationToken) =>
        _deliveries.FindAsync(Filter.Eq(DeliveryFields.NotificationId, notificationId) & Filter.Gt(Filter.Id, after ?? ""), Sort.ById, limit, cancellationToken);

    public async Task<bool> TrySaveCopyAsync(DeliveryKey key, DeliveredCopy? expected, DeliveredCopy replacement, CancellationToken cancellationToken)
    {
        var unchanged = expected is null ? Filter.IsNull(DeliveryFields.Copy) : Filter.Eq(DeliveryFields.CopyVersion, expected.Version);
        return await _deliveries.UpdateAsync(Normal(key).Value, unchanged, Update.Set(DeliveryFields.Copy, replacement), cancellationToken) is not null;
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListUnreadInConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        _deliveries.FindAsync(
            Filter.Eq(DeliveryFields.ConversationId, conversationId)
            & Filter.Eq(DeliveryFields.ChannelId, channelId)
            & Filter.Eq(DeliveryFields.State, DeliveryState.Delivered)
            & Filter.IsNull(DeliveryFields.CopyReadAt), // no copy, or not read
            Sort.ById,
            int.MaxValue,
            cancellationToken);

    public async Task<CopyCounts> CountCopiesAsync(string notificationId, CancellationToken cancellationToken)
    {
        var ofIt = Filter.Eq(DeliveryFields.NotificationId, notificationId);
        return new CopyCounts(
            (int)await _deliveries.CountAsync(ofIt & Filter.NotNull(DeliveryFields.CopyReadAt), cancellationToken),
            (int)await _deliveries.CountAsync(ofIt & Filter.NotNull(DeliveryFields.CopyRecalledAt), cancellationToken),
            (int)await _deliveries.CountAsync(ofIt & Filter.NotNull(DeliveryFields.CopyEditedAt), cancellationToken));
    }

    // Channels are compared without case: the stored key (and erasure's query) holds it lower-case.
    private static DeliveryKey Normal(DeliveryKey key) => key with { ChannelId = key.ChannelId.ToLowerInvariant() };
}

/// <summary>The fields of a stored <see cref="DeliveryRecord"/> that the ledger queries by.</summary>
internal static class DeliveryFields
{
    public const string NotificationId = "key.notificationId";
    public const string ChannelId = "key.channelId";
    public const string UserId = "key.userId";
    public const string State = "state";
    public const string Attempts = "attempts";
    public const string ClaimedUntil = "claimedUntil";
    public const string RetryAt = "retryAt";
    public const string UpdatedAt = "updatedAt";
    public const string Unreported = "unreported";
    public const string SendUnanswered = "sendUnanswered";
    public const string FailureReasonCode = "failureReasonCode";
    public const string ConversationId = "conversationId";
    public const string Copy = "copy";
    public const string CopyVersion = "copy.version";
    public const string CopyReadAt = "copy.readAt";
    public const string CopyRecalledAt = "copy.recalledAt";
    public const string CopyEditedAt = "copy.editedAt";
}
