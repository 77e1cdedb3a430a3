using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Broadcasts;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Dispatcher.Scheduling;

/// <summary>
/// Hands due deliveries back to the Dispatcher's queue. An item is removed only after the broker
/// confirmed the send; a crash in between sends it twice, which the delivery ledger absorbs.
/// </summary>
public sealed partial class DeliveryScheduler(
    IServiceScopeFactory scopes,
    IBus bus,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryScheduler> logger) : BackgroundService
{
    private const int Batch = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The endpoints' own exchanges, not the queues: sending to a queue address would declare it, and
        // differently from the quorum queue its consumer declares.
        var deliveries = await bus.GetSendEndpoint(new Uri($"exchange:{DeliverToRecipient.QueueName}"));
        var broadcasts = await bus.GetSendEndpoint(new Uri($"exchange:{SendBroadcastConsumerDefinition.QueueName}"));
        var copyChanges = await CopyFanOut.QueueOf(bus);
        using var timer = new PeriodicTimer(options.Value.SchedulePollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await HandOverDueAsync(deliveries, broadcasts, copyChanges, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store or the broker blinked: the items stay scheduled and are tried on the next tick.
                LogPollFailed(e);
            }
        }
    }

    private async Task HandOverDueAsync(ISendEndpoint deliveries, ISendEndpoint broadcasts, ISendEndpoint copyChanges, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedule = scope.ServiceProvider.GetRequiredService<IDeliverySchedule>();
        IReadOnlyList<ScheduledDelivery> due;
        do
        {
            due = await schedule.ClaimDueAsync(clock.GetUtcNow(), Batch, TimeSpan.FromMinutes(1), cancellationToken);
            foreach (var item in due)
            {
                using var resumed = StoredTraceContext.Resume(item.TraceParent, "resume scheduled delivery");
                switch (item.Kind)
                {
                    case ScheduledKind.Broadcast when JsonSerializer.Deserialize<SendBroadcast>(item.Payload, Json) is { } broadcast:
                        await broadcasts.Send(broadcast, cancellationToken);
                        break;
                    case ScheduledKind.Delivery when JsonSerializer.Deserialize<DeliverToRecipient>(item.Payload, Json) is { } delivery:
                        await deliveries.Send(delivery, cancellationToken);
                        break;
                    case ScheduledKind.CopyChange when JsonSerializer.Deserialize<ChangeDeliveredCopy>(item.Payload, Json) is { } change:
                        await copyChanges.Send(change, cancellationToken);
                        break;
                }

                await schedule.RemoveAsync(item.Id, cancellationToken);
            }
        }
        while (due.Count == Batch);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand scheduled deliveries over; trying again")]
    private partial void LogPollFailed(Exception exception);
}
