using Microsoft.Extensions.Options;
using ProactiveSuite.Conversations.State.Storage;

namespace ProactiveSuite.Gateway.Conversation;

/// <summary>
/// Publishes the events a turn saved but did not get to publish (the process died, or the bus was away):
/// every <see cref="ConversationOutboxOptions.SweepInterval"/> it looks for outboxes older than the grace.
/// </summary>
public sealed partial class ConversationOutboxRelay(
    IConversationStorage storage, ConversationOutbox outbox, IOptions<ConversationOutboxOptions> options, TimeProvider clock, ILogger<ConversationOutboxRelay> logger)
    : BackgroundService
{
    private const int PageSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The bus or the store is away: the events stay saved, the next sweep tries again.
                LogSweepFailed(e.Message);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.Grace;
        foreach (var key in await storage.FindWaitingOutboxesAsync(before, PageSize, cancellationToken))
        {
            var published = await outbox.PublishAsync(key, cancellationToken);
            LogRelayed(published, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Published {Count} event(s) that {Key} saved but had not published")]
    private partial void LogRelayed(int count, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox sweep failed; it runs again: {Problem}")]
    private partial void LogSweepFailed(string problem);
}

/// <summary>The conversation outbox's relay, bound from <c>Gateway:Outbox</c>.</summary>
public sealed class ConversationOutboxOptions
{
    public const string Section = "Gateway:Outbox";

    /// <summary>How often the relay looks for stranded events.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old an outbox must be before the relay takes it: younger ones are the saving turn's to publish.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(10);
}
