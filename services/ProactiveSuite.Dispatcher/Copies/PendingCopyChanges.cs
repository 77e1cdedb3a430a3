using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>
/// How many delivered copies of a recalled or edited notification still need their delete or update (by
/// <see cref="CopyRules.Needed"/>), so that an operator sees when a recall or an edit is done. Reads the notification's
/// ledger records page by page: only asked for notifications that were recalled or edited.
/// </summary>
public static class PendingCopyChanges
{
    private const int Page = 1000;

    public static async Task<int> CountAsync(IDeliveryLedger ledger, NotificationProgress notification, CancellationToken cancellationToken)
    {
        if (!notification.RecallRequested && notification.Edit is null)
        {
            return 0;
        }

        var pending = 0;
        string? after = null;
        IReadOnlyList<DeliveryRecord> page;
        do
        {
            page = await ledger.ListAsync(notification.NotificationId, after, Page, cancellationToken);
            pending += page.Count(r => CopyRules.Needed(r, notification) is not CopyChange.None);
            after = page.Count > 0 ? page[^1].Key.Value : null;
        }
        while (page.Count == Page);
        return pending;
    }
}
