using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.ReadReceipts;

/// <summary>
/// Marks read every delivered copy a read receipt covers in its conversation, each once: the ledger saves the mark
/// only over the copy it was made from, so a receipt handled twice, or two at once, mark and announce a copy once.
/// </summary>
public sealed class ReadReceipts(IDeliveryLedger ledger, CopyTelemetry telemetry)
{
    /// <returns>One <see cref="NotificationRead"/> for each copy this receipt marked read.</returns>
    public async Task<IReadOnlyList<NotificationRead>> MarkAsync(ReadReceiptReceived receipt, CancellationToken cancellationToken)
    {
        var read = new List<NotificationRead>();
        foreach (var record in await ledger.ListUnreadInConversationAsync(receipt.ChannelId.ToLowerInvariant(), receipt.ConversationId, cancellationToken))
        {
            if (CopyRules.Read(record, receipt.LastReadMessageId, receipt.ReadAt) is { } marked
                && await ledger.TrySaveCopyAsync(record.Key, record.Copy, marked, cancellationToken))
            {
                telemetry.Read();
                read.Add(new NotificationRead(
                    record.Key.NotificationId, record.Key.RecipientOf(marked.TenantId), record.ConversationId!, record.ActivityId!, receipt.ReadAt));
            }
        }

        return read;
    }
}
