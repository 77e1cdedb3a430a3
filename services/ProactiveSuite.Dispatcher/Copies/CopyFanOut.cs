using MassTransit;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>
/// Hands every delivered copy of a notification that needs a change (after a recall or an edit) to the copy-changes
/// queue, page by page through the ledger. Run again after a crash, it hands out the same copies again: the changes
/// are idempotent, so nothing is done twice.
/// </summary>
public sealed class CopyFanOut(IDeliveryLedger ledger, INotificationProgressStore progress)
{
    private const int Page = 500;

    /// <returns>How many copies were handed out.</returns>
    public async Task<int> RunAsync(string notificationId, ConsumeContext context, CancellationToken cancellationToken)
    {
        var notification = await progress.FindAsync(notificationId, cancellationToken);
        var changes = await QueueOf(context);
        var handedOut = 0;
        string? after = null;
        IReadOnlyList<DeliveryRecord> page;
        do
        {
            page = await ledger.ListAsync(notificationId, after, Page, cancellationToken);
            var needing = page.Where(r => CopyRules.Needed(r, notification) is not CopyChange.None).ToList();
            await Task.WhenAll(needing.Select(r => changes.Send(ChangeDeliveredCopy.Of(r.Key), cancellationToken)));
            handedOut += needing.Count;
            after = page.Count > 0 ? page[^1].Key.Value : null;
        }
        while (page.Count == Page);
        return handedOut;
    }

    /// <summary>The copy-changes queue, through its endpoint's exchange (see <c>DeliveryScheduler</c>).</summary>
    public static Task<ISendEndpoint> QueueOf(ISendEndpointProvider provider) =>
        provider.GetSendEndpoint(new Uri($"exchange:{ChangeDeliveredCopy.QueueName}"));
}
