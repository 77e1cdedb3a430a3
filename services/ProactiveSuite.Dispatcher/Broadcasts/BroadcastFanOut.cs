using System.Text.Json;
using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.Scheduling;

namespace ProactiveSuite.Dispatcher.Broadcasts;

/// <summary>
/// Turns a broadcast into one delivery per recipient, a page at a time: the recipients are looked up
/// (or listed) in batches, and the fan-out's position is saved after each page, so memory does not
/// grow with the audience and a redelivered broadcast resumes where it stopped (the ledger absorbs the
/// page that was in flight).
/// </summary>
public sealed class BroadcastFanOut(
    ReferenceDirectory references,
    INotificationProgressStore progress,
    IDeliverySchedule schedule,
    CancellationWatch cancellations,
    TimeProvider clock,
    UnfinishedBroadcasts? unfinished = null)
{
    public const int PageSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="command">A broadcast that passed validation.</param>
    /// <param name="deliveries">Where the per-recipient deliveries go.</param>
    /// <returns>False when it was put off to its not-before time.</returns>
    public async Task<bool> RunAsync(SendBroadcast command, ISendEndpoint deliveries, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = command.NotificationId!;
        if (command.NotBefore is { } notBefore && notBefore > now)
        {
            await schedule.AddAsync(new ScheduledDelivery(Guid.NewGuid().ToString("N"), notBefore, ScheduledKind.Broadcast, JsonSerializer.Serialize(command with { NotBefore = null }, Json), "not before its time"), cancellationToken);
            return false;
        }

        if (unfinished is not null)
        {
            await unfinished.RememberAsync(command, cancellationToken);
        }

        var audience = command.Audience!;
        var started = await progress.StartAsync(id, audience.Recipients?.Count, now, cancellationToken);
        if (started.FinishedAt is not null || (started.Total is not null && started.FannedOut >= started.Total))
        {
            return true;
        }

        if (audience.Recipients is { } listed)
        {
            await FanOutListAsync(command, listed, started.FannedOut, deliveries, cancellationToken);
        }
        else
        {
            await FanOutChannelAsync(command, audience, started, deliveries, cancellationToken);
        }

        return true;
    }

    private async Task FanOutListAsync(SendBroadcast command, IReadOnlyList<Recipient> recipients, int from, ISendEndpoint deliveries, CancellationToken cancellationToken)
    {
        var id = command.NotificationId!;
        var sent = from;
        while (sent < recipients.Count)
        {
            if (await cancellations.IsCancelledAsync(id, cancellationToken))
            {
                await progress.SetTotalAsync(id, recipients.Count, cancelledUnsent: recipients.Count - sent, cancellationToken);
                return;
            }

            var page = recipients.Skip(sent).Take(PageSize).ToList();
            var lookups = await references.FindManyAsync(page, cancellationToken);
            await SendAsync(deliveries, page.Select((recipient, i) => Delivery(command, recipient, lookups[i])), cancellationToken);
            sent += page.Count;
            await progress.RecordFanOutAsync(id, sent, null, cancellationToken);
        }
    }

    private async Task FanOutChannelAsync(SendBroadcast command, BroadcastAudience audience, NotificationProgress started, ISendEndpoint deliveries, CancellationToken cancellationToken)
    {
        var id = command.NotificationId!;
        var sent = started.FannedOut;
        var cursor = started.FanOutCursor;
        do
        {
            if (await cancellations.IsCancelledAsync(id, cancellationToken))
            {
                break;
            }

            var (addresses, next) = await PageAsync(audience, cursor, cancellationToken);
            await SendAsync(deliveries, addresses.Select(a => Delivery(command, a.Recipient, new ReferenceLookup(a.Address, null, null))), cancellationToken);
            sent += addresses.Count;
            cursor = next;
            await progress.RecordFanOutAsync(id, sent, cursor, cancellationToken);
        }
        while (cursor is not null);

        // Only now is "everyone" known: the ones not listed because of a cancellation were never part of it.
        await progress.SetTotalAsync(id, sent, cancelledUnsent: 0, cancellationToken);
    }

    /// <summary>One page of the audience's conversations: users' one-to-one ones, or the group conversations of its scope.</summary>
    private async Task<(IReadOnlyList<(Recipient Recipient, ConversationAddress Address)> Addresses, string? Next)> PageAsync(BroadcastAudience audience, string? cursor, CancellationToken cancellationToken)
    {
        if (BroadcastScope.IsPersonal(audience))
        {
            var users = await references.ListAsync(audience.ChannelId!, audience.TenantId, cursor, PageSize, cancellationToken);
            return (users.Addresses.Select(a => (new Recipient(a.ChannelId, a.User.Id, a.Conversation.TenantId), a)).ToList(), users.Next);
        }

        var groups = await references.ListGroupsAsync(BroadcastScope.Page(audience, cursor, PageSize), cancellationToken);
        return (groups.Conversations.Select(g => (new Recipient(g.ChannelId, null, g.Conversation.TenantId, g.Conversation.Id), GroupAddress.Of(g))).ToList(), groups.Next);
    }

    private static Task SendAsync(ISendEndpoint deliveries, IEnumerable<DeliverToRecipient> page, CancellationToken cancellationToken) =>
        Task.WhenAll(page.Select(delivery => deliveries.Send(delivery, cancellationToken)));

    private DeliverToRecipient Delivery(SendBroadcast command, Recipient recipient, ReferenceLookup? lookup) => new(
        command.NotificationId!, recipient, command.Text, command.Attachments, command.CreateConversationIfMissing, lookup, NotBefore: null, clock.GetUtcNow());
}
