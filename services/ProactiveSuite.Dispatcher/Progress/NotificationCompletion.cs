using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Progress;

/// <summary>
/// Finishes a notification and publishes its <see cref="NotificationCompleted"/>, once: when the counters
/// say everyone is settled, the ledger is asked (<see cref="FinishRule"/>), the final counts are stored with
/// the finish, and the completion is owed by the finisher until it is published; the finisher's redelivery
/// after a crash publishes what it still owes.
/// </summary>
public sealed partial class NotificationCompletion(INotificationProgressStore progress, IDeliveryLedger ledger, TimeProvider clock, ILogger<NotificationCompletion> logger)
{
    /// <summary>The finisher name of a broadcast's fan-out (a delivery's is its ledger key).</summary>
    public const string FanOut = "fan-out";

    /// <summary>For a caller without the progress at hand (the fan-out, once it knows the total).</summary>
    public async Task FinishIfCompleteAsync(IPublishEndpoint publisher, string notificationId, string finisher, CancellationToken cancellationToken)
    {
        if (await progress.FindAsync(notificationId, cancellationToken) is { } current)
        {
            await FinishIfCompleteAsync(publisher, current, finisher, cancellationToken);
        }
    }

    /// <param name="current">The progress as the caller's last write left it: no read when it is not complete.</param>
    public async Task FinishIfCompleteAsync(IPublishEndpoint publisher, NotificationProgress current, string finisher, CancellationToken cancellationToken)
    {
        if (current.FinishedAt is not null)
        {
            await PublishOwedAsync(publisher, current, finisher, cancellationToken);
            return;
        }

        if (!current.IsComplete)
        {
            return;
        }

        var counted = await ledger.CountSettledAsync(current.NotificationId, cancellationToken);
        if (FinishRule.FinalCounts(current, counted) is not { } final)
        {
            // Counted twice after a crash: a recipient still on its way will ask again.
            LogNotYet(current.NotificationId, current.Settled, counted.Settled + current.CancelledUnsent, current.Total ?? 0);
            return;
        }

        if (await progress.TryFinishAsync(current.NotificationId, final, finisher, clock.GetUtcNow(), cancellationToken) is { } finished)
        {
            await PublishOwedAsync(publisher, finished, finisher, cancellationToken);
        }
    }

    private async Task PublishOwedAsync(IPublishEndpoint publisher, NotificationProgress finished, string finisher, CancellationToken cancellationToken)
    {
        if (finished.CompletionOwedBy != finisher)
        {
            return;
        }

        await publisher.Publish(new NotificationCompleted(
            finished.NotificationId, finished.Total ?? finished.Settled, finished.Delivered, finished.FailedByReason, finished.Cancelled, finished.Throttled, finished.StartedAt, finished.FinishedAt ?? clock.GetUtcNow(), finished.Unknown), cancellationToken);
        await progress.MarkCompletionPublishedAsync(finished.NotificationId, cancellationToken);
        LogCompleted(finished.NotificationId, finished.Delivered, finished.Failed, finished.Cancelled);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} completed: {Delivered} delivered, {Failed} failed, {Cancelled} cancelled")]
    private partial void LogCompleted(string notificationId, int delivered, int failed, int cancelled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} counted {Counted} settled but its ledger has {Settled} of {Total}: not finished yet")]
    private partial void LogNotYet(string notificationId, int counted, int settled, int total);
}
