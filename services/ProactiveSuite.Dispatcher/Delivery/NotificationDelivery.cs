using System.Text.Json;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Pacing;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.Scheduling;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// Delivers one notification to one recipient (a user or a group conversation), once: claims it in the
/// ledger, finds where the recipient is, waits for a slot within the channel's rate limits, posts it
/// into the stored conversation (or a new one with a user), and records how it went. Throttling and passing failures put it on the schedule for a
/// later attempt instead of holding a thread.
/// </summary>
public sealed class NotificationDelivery(
    IDeliveryLedger ledger,
    IDeliverySchedule schedule,
    INotificationProgressStore progress,
    CancellationWatch cancellations,
    DeliveryPacer pacer,
    ReferenceDirectory references,
    IChannelConnector connector,
    IOptions<ChannelEndpointOptions> channels,
    IOptions<DeliveryOptions> options,
    DeliveryTelemetry telemetry,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly DeliveryOptions _options = options.Value;

    /// <param name="command">One recipient of a notification that passed validation.</param>
    public async Task<DeliveryOutcome> DeliverAsync(DeliverToRecipient command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (command.NotBefore is { } notBefore && notBefore > now)
        {
            return await DeferAsync(command, null, notBefore, "not before its time", cancellationToken);
        }

        var claim = await ledger.ClaimAsync(command.LedgerKey(), now, _options.ClaimLease, cancellationToken);
        return claim switch
        {
            DeliveryClaim.AlreadySettled settled => OutcomeOf(settled.Record),
            DeliveryClaim.HeldElsewhere held => await DeferAsync(command, null, held.Until, "held by another attempt", cancellationToken),
            // A survey's opening is not a publisher's notification: no CancelNotification can name it.
            DeliveryClaim.Granted granted when command.Survey is null && await cancellations.IsCancelledAsync(command.NotificationId, cancellationToken) =>
                await CancelAsync(granted.Record, cancellationToken),
            DeliveryClaim.Granted granted => await AttemptAsync(command, granted.Record, command.Survey is null ? await cancellations.EditOfAsync(command.NotificationId, cancellationToken) : null, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown claim {claim}"),
        };
    }

    /// <param name="edit">What the notification was edited to, sent instead of the command's content; null: not edited.</param>
    private async Task<DeliveryOutcome> AttemptAsync(DeliverToRecipient command, DeliveryRecord record, NotificationEdit? edit, CancellationToken cancellationToken)
    {
        var recipient = command.Recipient;
        var message = edit is null ? new OutboundMessage(command.Text, command.Attachments ?? []) : new OutboundMessage(edit.Text, edit.Attachments);
        ConversationAddress? address = null;
        try
        {
            var found = command.Lookup ?? await references.FindAsync(recipient, cancellationToken);
            address = found.Address;
            if (address is null)
            {
                if (found.RevokedReasonCode is { } revoked)
                {
                    return await FailAsync(record, NotificationFailureReasons.ReferenceRevoked,
                        $"The reference of {recipient.Described()} was revoked ({revoked}, {found.RevokedAt:O}) and {(recipient.ConversationId is null ? "they have not written since" : "the bot has not been added again")}.", null, null);
                }

                if (recipient.ConversationId is { } conversationId)
                {
                    return await FailAsync(record, NotificationFailureReasons.NoReference,
                        $"No group conversation '{conversationId}' in channel '{recipient.ChannelId}' is stored (the bot was never added to it); a group conversation cannot be created.", null, null);
                }

                if (!command.CreateConversationIfMissing)
                {
                    return await FailAsync(record, NotificationFailureReasons.NoReference,
                        $"No conversation with user '{recipient.UserId}' in channel '{recipient.ChannelId}' is stored (the user never wrote to the bot), and createConversationIfMissing is false.", null, null);
                }

                // Seen in a group conversation: created where and as whom they were seen, in their tenant (Teams needs it).
                var (endpoint, member) = found.Member is { } seen
                    ? (ChannelEndpoint.SeenWith(seen), recipient with { TenantId = recipient.TenantId ?? seen.TenantId })
                    : (channels.Value.For(recipient.ChannelId), recipient);
                if (endpoint is null)
                {
                    return await FailAsync(record, NotificationFailureReasons.NoReference,
                        $"No conversation with user '{recipient.UserId}' is stored, and no connector endpoint is configured for channel '{recipient.ChannelId}' to create one (Dispatcher:Channels:{recipient.ChannelId}).", null, null);
                }

                var (deferred, createSlot) = await WaitForSlotAsync(command, record, $"{recipient.ChannelId}|new|{recipient.UserId}", TenantKey(recipient.ChannelId, member.TenantId), cancellationToken);
                if (deferred is not null)
                {
                    return deferred;
                }

                // Never cut off once sent (a dropped broker connection cancels the message's token): the channel may
                // take it, and only its answer can be recorded. The connector's own timeout bounds the wait.
                var created = await AnsweredAsync(createSlot, () => connector.CreateConversationAsync(endpoint, member, message, CancellationToken.None));
                var reference = new ReferenceCaptured(created.Address, created.ActivityId, "message", clock.GetUtcNow());
                return await SucceedAsync(record, created.Address, created.ActivityId, edit, reference);
            }

            var (paced, slot) = await WaitForSlotAsync(command, record, ConversationKey(address), TenantKey(address.ChannelId, address.Conversation.TenantId), cancellationToken);
            if (paced is not null)
            {
                return paced;
            }

            var activityId = await AnsweredAsync(slot, () => connector.SendAsync(address, message, CancellationToken.None));
            return await SucceedAsync(record, address, activityId, edit, null);
        }
        catch (ServiceUrlNotAllowedException e)
        {
            return await FailAsync(record, NotificationFailureReasons.ServiceUrlNotAllowed, e.Message, null, null);
        }
        catch (ConnectorException failure)
        {
            return await JudgeFailureAsync(command, record, address, failure, cancellationToken);
        }
    }

    private async Task<DeliveryOutcome> JudgeFailureAsync(DeliverToRecipient command, DeliveryRecord record, ConversationAddress? address, ConnectorException failure, CancellationToken cancellationToken)
    {
        var status = (int?)failure.StatusCode;
        switch (RetryPolicy.Judge(failure))
        {
            case FailureVerdict.Retry retry when record.Attempts < _options.MaxAttempts:
                var now = clock.GetUtcNow();
                var until = now + (retry.RetryAfter ?? RetryPolicy.Backoff(record.Attempts, _options, Random.Shared));
                telemetry.Retrying(command.Recipient.ChannelId, record.Attempts, retry.Throttled ? "Throttled" : status is null ? "Unreachable" : "Transient", until - now, status);
                if (retry.Throttled)
                {
                    telemetry.Throttled(command.Recipient.ChannelId, until - now, status ?? 429);
                    await progress.RecordThrottledAsync(command.NotificationId, cancellationToken);
                    if (address is not null)
                    {
                        // The channel knows better than our pacer: hold the whole conversation until it says.
                        pacer.Throttled(ConversationKey(address), until);
                    }
                }

                var pending = record with { State = DeliveryState.Pending, ClaimedUntil = null, RetryAt = until, LastStatusCode = status, LastError = failure.Message, UpdatedAt = now };
                return await DeferAsync(command, pending, until, retry.Throttled ? $"throttled ({status})" : $"retry after {failure.Message}", cancellationToken);

            case FailureVerdict.Retry:
                return await FailAsync(record, NotificationFailureReasons.Transient,
                    $"Gave up after {record.Attempts} attempts; the last one: {failure.Message}", status, null);

            case FailureVerdict.Gone gone:
                // A group conversation is revoked as a whole: no user in it lost the bot.
                var revocation = address is null
                    ? null
                    : new ReferenceRevoked(address.ChannelId, command.LedgerKey().IsConversation ? null : address.User.Id, address.Conversation.Id, gone.RevocationReasonCode, failure.Message, clock.GetUtcNow());
                return await FailAsync(record, gone.FailureReasonCode, failure.Message, status, revocation);

            case FailureVerdict.Permanent permanent:
                return await FailAsync(record, permanent.FailureReasonCode, failure.Message, status, null);

            default:
                throw new InvalidOperationException("Unknown verdict");
        }
    }

    /// <summary>Waits in place for a near slot; a far one goes to the schedule (returned as the outcome).</summary>
    private async Task<(DeliveryOutcome? Deferred, PacingReservation? Slot)> WaitForSlotAsync(DeliverToRecipient command, DeliveryRecord record, string conversationKey, string tenantKey, CancellationToken cancellationToken)
    {
        var (putOffUntil, slot) = await pacer.TakeSlotAsync(conversationKey, tenantKey, _options.MaxInlineWait, clock, cancellationToken);
        if (putOffUntil is not { } until)
        {
            return (null, slot);
        }

        // Pacing is not an attempt: give the attempt back.
        var pending = record with { State = DeliveryState.Pending, ClaimedUntil = null, Attempts = record.Attempts - 1, UpdatedAt = clock.GetUtcNow() };
        return (await DeferAsync(command, pending, until, "paced to the channel's rate limits", cancellationToken), null);
    }

    /// <summary>Makes a connector call in its slot, and tells the pacer when the channel answered, either way.</summary>
    private async Task<T> AnsweredAsync<T>(PacingReservation? slot, Func<Task<T>> call)
    {
        var startedAt = clock.GetUtcNow();
        try
        {
            return await call();
        }
        finally
        {
            if (slot is not null)
            {
                pacer.Sent(slot, startedAt, clock.GetUtcNow());
            }
        }
    }

    private async Task<DeliveryOutcome> DeferAsync(DeliverToRecipient command, DeliveryRecord? pending, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        // Scheduled first, then released: a crash in between leaves a duplicate command, which the
        // ledger absorbs, never a lost one. A later attempt asks the Registry afresh.
        var later = command with { Lookup = null, NotBefore = null };
        await schedule.AddAsync(new ScheduledDelivery(Guid.NewGuid().ToString("N"), until, ScheduledKind.Delivery, JsonSerializer.Serialize(later, Json), reason, StoredTraceContext.Current(),
            command.LedgerKey().ErasableUser), cancellationToken);
        if (pending is not null)
        {
            await ledger.SaveAsync(pending, cancellationToken);
        }

        return new DeliveryOutcome.Deferred(until, reason);
    }

    // What the channel answered is recorded whatever happened to the consumer meanwhile: a token cancelled by
    // a dropped broker connection would leave the record Sending, and its lease would post it again.
    // The copy remembers where it lives and which content it shows, for a later recall or edit.
    private async Task<DeliveryOutcome> SucceedAsync(DeliveryRecord record, ConversationAddress address, string? activityId, NotificationEdit? edit, ReferenceCaptured? created)
    {
        var now = clock.GetUtcNow();
        var conversationId = address.Conversation.Id;
        var copy = CopyRules.Delivered(address.ServiceUrl, address.Conversation.TenantId, address.Bot.Id, edit?.Revision);
        await ledger.SaveAsync(record.Settle(DeliveryState.Delivered, now) with { ConversationId = conversationId, ActivityId = activityId, LastStatusCode = 200, LastError = null, Copy = copy }, CancellationToken.None);
        return new DeliveryOutcome.Delivered(conversationId, activityId, created, now);
    }

    private async Task<DeliveryOutcome> FailAsync(DeliveryRecord record, string reasonCode, string reason, int? status, ReferenceRevoked? revocation)
    {
        await ledger.SaveAsync(record.Settle(DeliveryState.Failed, clock.GetUtcNow()) with { FailureReasonCode = reasonCode, LastError = reason, LastStatusCode = status ?? record.LastStatusCode }, CancellationToken.None);
        return new DeliveryOutcome.Failed(reasonCode, reason, revocation);
    }

    private async Task<DeliveryOutcome> CancelAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var settled = record.Settle(record.WhenCancelled, clock.GetUtcNow());
        await ledger.SaveAsync(settled, cancellationToken);
        return OutcomeOf(settled) with { Replayed = false };
    }

    /// <summary>
    /// A command seen again after it was settled gets the same outcome: a replay when it was reported,
    /// else (the Dispatcher died before reporting it) the report is owed and is made now. The record does
    /// not keep a created conversation's reference or a revocation, so those are not published again.
    /// </summary>
    private static DeliveryOutcome OutcomeOf(DeliveryRecord settled) => (settled.State switch
    {
        DeliveryState.Delivered => new DeliveryOutcome.Delivered(settled.ConversationId ?? "", settled.ActivityId, null, settled.UpdatedAt),
        DeliveryState.Cancelled => new DeliveryOutcome.Cancelled(),
        DeliveryState.Unknown => new DeliveryOutcome.Unknown(),
        _ => (DeliveryOutcome)new DeliveryOutcome.Failed(settled.FailureReasonCode ?? NotificationFailureReasons.Transient, settled.LastError ?? ""),
    }) with { Replayed = !settled.OwesReport };

    private static string ConversationKey(ConversationAddress address) => $"{address.ChannelId}|{address.Conversation.Id}";

    private static string TenantKey(string channelId, string? tenantId) => $"{channelId}|{tenantId ?? "-"}";
}
