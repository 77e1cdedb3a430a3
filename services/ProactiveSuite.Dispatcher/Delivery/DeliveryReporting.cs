using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// Tells the world how a delivery went: the per-recipient event, the revocation or new reference that
/// came with it, the notification's counters, and <see cref="NotificationCompleted"/> when it settled
/// the last recipient. A replayed outcome is published again but counted once.
/// </summary>
public sealed partial class DeliveryReporting(INotificationProgressStore progress, DeliveryTelemetry telemetry, TimeProvider clock, ILogger<DeliveryReporting> logger)
{
    public async Task ReportAsync(ConsumeContext context, DeliverToRecipient request, DeliveryOutcome outcome)
    {
        var ct = context.CancellationToken;
        DeliveryTelemetry.Describe(request.NotificationId, request.Recipient);
        if (!outcome.Replayed)
        {
            telemetry.Ended(request.Recipient, outcome, request.RequestedAt);
        }

        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                if (delivered.CreatedReference is { } reference)
                {
                    await context.Publish(reference, ct);
                }

                await context.Publish(new NotificationDelivered(request.NotificationId, request.Recipient, delivered.ConversationId, delivered.ActivityId, delivered.CreatedReference is not null, delivered.DeliveredAt), ct);
                LogDelivered(request.NotificationId, delivered.ConversationId);
                await SettleAsync(context, request.NotificationId, outcome, Settlement.Delivered, null);
                break;
            case DeliveryOutcome.Failed failed:
                if (failed.Revocation is { } revocation)
                {
                    await context.Publish(revocation, ct);
                }

                await context.Publish(new NotificationFailed(request.NotificationId, request.Recipient, failed.ReasonCode, failed.Reason, clock.GetUtcNow()), ct);
                LogFailed(request.NotificationId, failed.ReasonCode, failed.Reason);
                await SettleAsync(context, request.NotificationId, outcome, Settlement.Failed, failed.ReasonCode);
                break;
            case DeliveryOutcome.Cancelled:
                await SettleAsync(context, request.NotificationId, outcome, Settlement.Cancelled, null);
                break;
            case DeliveryOutcome.Deferred deferred:
                LogDeferred(request.NotificationId, deferred.Until, deferred.Reason);
                break;
        }
    }

    /// <summary>Publishes <see cref="NotificationCompleted"/> when this caller is the one that finished it.</summary>
    public async Task FinishIfCompleteAsync(IPublishEndpoint publisher, string notificationId, CancellationToken cancellationToken)
    {
        if (!await progress.TryFinishAsync(notificationId, clock.GetUtcNow(), cancellationToken)
            || await progress.FindAsync(notificationId, cancellationToken) is not { } finished)
        {
            return;
        }

        await publisher.Publish(new NotificationCompleted(
            finished.NotificationId, finished.Total ?? finished.Settled, finished.Delivered, finished.FailedByReason, finished.Cancelled, finished.Throttled, finished.StartedAt, finished.FinishedAt ?? clock.GetUtcNow()), cancellationToken);
        LogCompleted(notificationId, finished.Delivered, finished.Failed, finished.Cancelled);
    }

    private async Task SettleAsync(ConsumeContext context, string notificationId, DeliveryOutcome outcome, Settlement settlement, string? reasonCode)
    {
        if (outcome.Replayed)
        {
            return;
        }

        // Only a settle that left everyone settled can finish it (or the fan-out, once it knows the total):
        // the others skip the finish check, a store round trip per delivery.
        if (await progress.SettleAsync(notificationId, settlement, reasonCode, context.CancellationToken) is { IsComplete: true, FinishedAt: null })
        {
            await FinishIfCompleteAsync(context, notificationId, context.CancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} delivered into conversation {ConversationId}")]
    private partial void LogDelivered(string notificationId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} failed: {ReasonCode}: {Reason}")]
    private partial void LogFailed(string notificationId, string reasonCode, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {NotificationId} put off until {Until}: {Reason}")]
    private partial void LogDeferred(string notificationId, DateTimeOffset until, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} completed: {Delivered} delivered, {Failed} failed, {Cancelled} cancelled")]
    private partial void LogCompleted(string notificationId, int delivered, int failed, int cancelled);
}
