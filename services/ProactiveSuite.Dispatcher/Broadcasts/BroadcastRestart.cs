using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Broadcasts;

/// <summary>
/// On the in-memory bus, at start: every broadcast a killed run left unfinished is fanned out again from its
/// first recipient (what it had fanned out died with the bus); the ledger posts nobody twice but the one a
/// kill cut mid-send, and reports what was settled and not yet counted. Finished ones are forgotten.
/// </summary>
public sealed partial class BroadcastRestart(
    UnfinishedBroadcasts unfinished,
    INotificationProgressStore progress,
    IBus bus,
    IHostApplicationLifetime lifetime,
    ILogger<BroadcastRestart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the bus and its consumers are up.
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
        var broadcasts = await bus.GetSendEndpoint(new Uri($"exchange:{SendBroadcastConsumerDefinition.QueueName}"));
        foreach (var command in await unfinished.AllAsync(stoppingToken))
        {
            var id = command.NotificationId!;
            if (await progress.FindAsync(id, stoppingToken) is { FinishedAt: not null })
            {
                await unfinished.ForgetAsync(id, stoppingToken);
                continue;
            }

            await progress.RecordFanOutAsync(id, 0, null, stoppingToken);
            await broadcasts.Send(command, stoppingToken);
            LogRestarted(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {NotificationId} was unfinished when the process stopped: fanning it out again (the ledger skips whoever has it)")]
    private partial void LogRestarted(string notificationId);
}
