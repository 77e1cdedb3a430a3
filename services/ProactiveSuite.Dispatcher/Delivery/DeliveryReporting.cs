using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// Tells the world how a delivery went: the per-recipient event, the revocation or new reference that
/// came with it, the notification's counters, and <see cref="NotificationCompleted"/> when it settled
/// the last recipient; then marks the ledger record reported. A replayed outcome is published again but
/// counted once; one settled but not reported (the Dispatcher died in between) is published and counted now.
/// </summary>
public sealed partial class DeliveryReporting(
    INotificationProgressStore progress,
    IDeliveryLedger ledger,
    NotificationCompletion completion,
    DeliveryTelemetry telemetry,
    TimeProvider clock,
    ILogger<DeliveryReporting> logger)
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
                await SettleAsync(context, request, outcome, Settlement.Delivered, null);
                break;
            case DeliveryOutcome.Failed failed:
                if (failed.Revocation is { } revocation)
                {
                    await context.Publish(revocation, ct);
                }

                await context.Publish(new NotificationFailed(request.NotificationId, request.Recipient, failed.ReasonCode, failed.Reason, clock.GetUtcNow()), ct);
                LogFailed(request.NotificationId, failed.ReasonCode, failed.Reason);
                await SettleAsync(context, request, outcome, Settlement.Failed, failed.ReasonCode);
                break;
            case DeliveryOutcome.Cancelled:
                await SettleAsync(context, request, outcome, Settlement.Cancelled, null);
                break;
            case DeliveryOutcome.Unknown:
                LogUnknown(request.NotificationId);
                await SettleAsync(context, request, outcome, Settlement.Unknown, null);
                break;
            case DeliveryOutcome.Deferred deferred:
                LogDeferred(request.NotificationId, deferred.Until, deferred.Reason);
                break;
        }
    }

    private async Task SettleAsync(ConsumeContext context, DeliverToRecipient request, DeliveryOutcome outcome, Settlement settlement, string? reasonCode)
    {
        if (outcome.Replayed)
        {
            return;
        }

        // Only a settle that left everyone settled asks about finishing (or the fan-out, once it knows the
        // total), and a finished one only whether this delivery still owes its completion: no extra read.
        var key = request.LedgerKey();
        var counted = await progress.SettleAsync(request.NotificationId, settlement, reasonCode, context.CancellationToken);
        if (counted is { IsComplete: true } or { FinishedAt: not null })
        {
            await completion.FinishIfCompleteAsync(context, counted, key.Value, context.CancellationToken);
        }

        if (settlement == Settlement.Delivered && counted is { RecallRequested: true } or { Edit: not null })
        {
            // Recalled or edited while this copy was on its way: the recall's or edit's pass over the ledger may have
            // missed it (it read the counters after that pass wrote), so the copy is changed from here.
            await (await CopyFanOut.QueueOf(context)).Send(ChangeDeliveredCopy.Of(key), context.CancellationToken);
        }

        // Last: a crash before it makes the redelivered command report it again (a count twice at worst,
        // which the finish rule corrects), never not at all.
        await ledger.MarkReportedAsync(key, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} delivered into conversation {ConversationId}")]
    private partial void LogDelivered(string notificationId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} failed: {ReasonCode}: {Reason}")]
    private partial void LogFailed(string notificationId, string reasonCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} was cancelled after a send to a recipient went unanswered (a crash mid-send): settled Unknown")]
    private partial void LogUnknown(string notificationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {NotificationId} put off until {Until}: {Reason}")]
    private partial void LogDeferred(string notificationId, DateTimeOffset until, string reason);
}
