using MassTransit;
using ProactiveSuite.Conversations.State;

namespace ProactiveSuite.Gateway.Conversation;

/// <summary>
/// Publishes what a conversation's saved decisions left in its outbox, then removes it. A crash in between
/// publishes it again later (consumers are idempotent); a crash before leaves it for the relay.
/// </summary>
public sealed partial class ConversationOutbox(ConversationStateStore states, IServiceScopeFactory scopes, ILogger<ConversationOutbox> logger)
{
    /// <param name="storageKey">A conversation's <see cref="ConversationKey.StorageKey"/>.</param>
    /// <returns>How many events were published.</returns>
    public async Task<int> PublishAsync(string storageKey, CancellationToken cancellationToken)
    {
        var pending = await states.PendingAsync(storageKey, cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var published = 0;
        foreach (var @event in pending)
        {
            object message;
            Type type;
            try
            {
                (message, type) = @event.Read();
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                // Never publishable: kept, it would block nothing but be retried forever.
                LogUnreadable(@event.Id, storageKey, e.Message);
                continue;
            }

            await bus.Publish(message, type, cancellationToken);
            published++;
        }

        await states.RemovePendingAsync(storageKey, [.. pending.Select(e => e.Id)], cancellationToken);
        return published;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox event {EventId} of {Key} cannot be read and is dropped: {Problem}")]
    private partial void LogUnreadable(string eventId, string key, string problem);
}
