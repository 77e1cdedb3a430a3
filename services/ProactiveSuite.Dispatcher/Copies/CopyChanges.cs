using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Pacing;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.Scheduling;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>
/// Deletes or updates one delivered copy through the channel's connector, as sends are made: claimed in the ledger
/// (one Dispatcher at a time, taken over when its holder died), paced within the same rate limits, retried after a
/// 429's Retry-After or a passing failure through the schedule, given up after as many attempts as a send. A copy the
/// channel says is gone (404) counts as recalled.
/// </summary>
public sealed partial class CopyChanges(
    IDeliveryLedger ledger,
    INotificationProgressStore progress,
    IDeliverySchedule schedule,
    DeliveryPacer pacer,
    IChannelConnector connector,
    IOptions<DeliveryOptions> options,
    CopyTelemetry telemetry,
    TimeProvider clock,
    ILogger<CopyChanges> logger)
{
    private const int SavesLost = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly DeliveryOptions _options = options.Value;

    public async Task ApplyAsync(ChangeDeliveredCopy command, CancellationToken cancellationToken)
    {
        var key = command.LedgerKey();
        for (var lost = 0; lost < SavesLost; lost++)
        {
            if (await ledger.FindAsync(key, cancellationToken) is not { } record)
            {
                return;
            }

            var change = CopyRules.Needed(record, await progress.FindAsync(key.NotificationId, cancellationToken));
            if (change is CopyChange.None)
            {
                return;
            }

            var now = clock.GetUtcNow();
            var claimed = CopyRules.Claim(record.Copy, now, _options.ClaimLease, out var heldUntil);
            if (claimed is null)
            {
                // Its holder finishes it, or dies and leaves the claim to run out: then this one takes over.
                await DeferAsync(command, heldUntil!.Value, "held by another attempt", cancellationToken);
                return;
            }

            if (await ledger.TrySaveCopyAsync(key, record.Copy, claimed, cancellationToken))
            {
                await ChangeAsync(command, record, claimed, change, cancellationToken);
                return;
            }
        }

        await DeferAsync(command, clock.GetUtcNow() + TimeSpan.FromSeconds(1), "changed by others meanwhile", cancellationToken);
    }

    private async Task ChangeAsync(ChangeDeliveredCopy command, DeliveryRecord record, DeliveredCopy claimed, CopyChange change, CancellationToken cancellationToken)
    {
        var address = AddressOf(record, claimed);
        var (conversationKey, tenantKey) = ($"{address.ChannelId}|{address.Conversation.Id}", $"{address.ChannelId}|{address.Conversation.TenantId ?? "-"}");
        var (putOffUntil, slot) = await pacer.TakeSlotAsync(conversationKey, tenantKey, _options.MaxInlineWait, clock, cancellationToken);
        if (putOffUntil is { } later)
        {
            // Scheduled first, then released: a crash in between leaves a duplicate command, never a lost one.
            await DeferAsync(command, later, "paced to the channel's rate limits", cancellationToken);
            await SaveAsync(command, claimed, CopyRules.PutOff(claimed));
            return;
        }

        DeliveredCopy settled;
        string outcome;
        var startedAt = clock.GetUtcNow();
        try
        {
            // Never cut off once sent, like a send: only the channel's answer can be recorded.
            await (change switch
            {
                CopyChange.Update update => connector.UpdateAsync(address, record.ActivityId!, new OutboundMessage(update.Content.Text, update.Content.Attachments), CancellationToken.None),
                _ => connector.DeleteAsync(address, record.ActivityId!, CancellationToken.None),
            });
            (settled, outcome) = (Done(claimed, change), "done");
        }
        catch (ServiceUrlNotAllowedException e)
        {
            (settled, outcome) = (CopyRules.Refused(claimed, change, e.Message), "refused");
        }
        catch (ConnectorException failure) when (failure.StatusCode == HttpStatusCode.NotFound && change is CopyChange.Delete)
        {
            (settled, outcome) = (Done(claimed, change), "done");
        }
        catch (ConnectorException failure)
        {
            (settled, outcome) = await JudgeFailureAsync(command, claimed, change, conversationKey, failure, cancellationToken);
        }
        finally
        {
            if (slot is not null)
            {
                pacer.Sent(slot, startedAt, clock.GetUtcNow());
            }
        }

        telemetry.Changed(change, outcome);
        LogChanged(command.NotificationId, change is CopyChange.Delete ? "delete" : "update", outcome, settled.LastChangeError);
        if (await SaveAsync(command, claimed, settled) && outcome == "done")
        {
            // An edit or recall that came while this one was on its way is the next change.
            await ApplyAsync(command, cancellationToken);
        }
    }

    private async Task<(DeliveredCopy Settled, string Outcome)> JudgeFailureAsync(
        ChangeDeliveredCopy command, DeliveredCopy claimed, CopyChange change, string conversationKey, ConnectorException failure, CancellationToken cancellationToken)
    {
        if (RetryPolicy.Judge(failure) is FailureVerdict.Retry retry && claimed.ChangeAttempts < _options.MaxAttempts)
        {
            var now = clock.GetUtcNow();
            var until = now + (retry.RetryAfter ?? RetryPolicy.Backoff(claimed.ChangeAttempts, _options, Random.Shared));
            if (retry.Throttled)
            {
                pacer.Throttled(conversationKey, until);
            }

            await DeferAsync(command, until, retry.Throttled ? "throttled" : $"retry after {failure.Message}", cancellationToken);
            return (CopyRules.WillRetry(claimed, failure.Message), "retry");
        }

        var reason = RetryPolicy.Judge(failure) is FailureVerdict.Retry ? $"Gave up after {claimed.ChangeAttempts} attempts; the last one: {failure.Message}" : failure.Message;
        return (CopyRules.Refused(claimed, change, reason), "refused");
    }

    private DeliveredCopy Done(DeliveredCopy claimed, CopyChange change) => change switch
    {
        CopyChange.Update update => CopyRules.Edited(claimed, update.Content, clock.GetUtcNow()),
        _ => CopyRules.Recalled(claimed, clock.GetUtcNow()),
    };

    // What the channel answered is recorded whatever happened to the consumer meanwhile (see NotificationDelivery).
    private async Task<bool> SaveAsync(ChangeDeliveredCopy command, DeliveredCopy claimed, DeliveredCopy settled)
    {
        var saved = await ledger.TrySaveCopyAsync(command.LedgerKey(), claimed, settled, CancellationToken.None);
        if (!saved)
        {
            // Only a takeover after this claim ran out writes over it; that attempt's answer is the one kept.
            LogSaveLost(command.NotificationId);
        }

        return saved;
    }

    private Task DeferAsync(ChangeDeliveredCopy command, DateTimeOffset until, string reason, CancellationToken cancellationToken) =>
        schedule.AddAsync(
            new ScheduledDelivery(Guid.NewGuid().ToString("N"), until, ScheduledKind.CopyChange, JsonSerializer.Serialize(command, Json), reason, StoredTraceContext.Current(),
                command.LedgerKey().ErasableUser),
            cancellationToken);

    /// <summary>Where the copy lives, as the connector is called: what its delivery recorded.</summary>
    private static ConversationAddress AddressOf(DeliveryRecord record, DeliveredCopy copy) => new(
        record.Key.ChannelId,
        copy.ServiceUrl ?? "",
        new ConversationInfo(record.ConversationId!, null, copy.TenantId, IsGroup: record.Key.IsConversation),
        new ParticipantInfo(record.Key.UserId ?? "", null, null),
        new ParticipantInfo(copy.BotId ?? "", null, null),
        Locale: null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId}: {Operation} of a delivered copy: {Outcome} {Error}")]
    private partial void LogChanged(string notificationId, string operation, string outcome, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId}: a copy's change was taken over while it ran; the other attempt's answer is kept")]
    private partial void LogSaveLost(string notificationId);
}
