using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Conversations.State;

/// <summary>
/// Reads and changes a conversation's flow state in the shared <see cref="IStorage"/>, with optimistic
/// concurrency: every change is a decision taken on what was read and written only if nobody wrote since.
/// </summary>
public sealed partial class ConversationStateStore(IStorage storage, TimeProvider clock, ILogger<ConversationStateStore> logger)
{
    /// <summary>
    /// How many times a decision is taken again after another writer came first. Two writers per
    /// conversation (the user's turn and a survey start) rarely collide twice; this only bounds a pathology.
    /// </summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// Reads the state, lets <paramref name="decide"/> decide, and saves the decision if the state is still
    /// what was read, with the decision's events in the state's outbox (<see cref="StateChange{T}.Events"/>:
    /// publish them and <see cref="RemovePendingAsync"/> after). When another writer came first, it reads again
    /// and decides again on what that writer saved, so neither change is lost. This re-read is the concurrency control itself, not a retry of a
    /// fault: the bot's turn has no consumer definition around it to do it, so both writers share this.
    /// </summary>
    /// <param name="decide">Pure: it may run several times, and only its last result counts.</param>
    /// <exception cref="ETagConflictException">Still conflicting after <see cref="MaxAttempts"/>.</exception>
    public async Task<T> UpdateAsync<T>(ConversationKey key, Func<ConversationFlowState, StateChange<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var (state, eTag, participants, outbox) = await ReadStoredAsync(key.StorageKey, cancellationToken);
            var change = decide(state);
            if (change.Next is null)
            {
                return change.Result;
            }

            try
            {
                var now = clock.GetUtcNow();
                var item = StoredConversationState.From(change.Next, eTag, key.Participant is { } participant ? [.. participants, participant] : participants,
                    [.. outbox, .. change.Events.Select(e => PendingEvent.Of(e, now))]);
                await storage.WriteAsync(new Dictionary<string, object> { [key.StorageKey] = item }, cancellationToken);
                return change.Result;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(key.StorageKey, attempt);
                await PartAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task<ConversationFlowState> ReadAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(key.StorageKey, cancellationToken)).State;

    /// <summary>The participants recorded in a conversation's state (empty when it has none).</summary>
    public async Task<IReadOnlyList<string>> ParticipantsAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(key.StorageKey, cancellationToken)).Participants;

    /// <summary>The events waiting in a conversation's outbox, oldest first.</summary>
    /// <param name="storageKey">A <see cref="ConversationKey.StorageKey"/>.</param>
    public async Task<IReadOnlyList<PendingEvent>> PendingAsync(string storageKey, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(storageKey, cancellationToken)).Outbox;

    /// <summary>Removes published events from the outbox; the state itself is left as it is.</summary>
    public async Task RemovePendingAsync(string storageKey, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await storage.ReadAsync([storageKey], cancellationToken);
            if (!items.TryGetValue(storageKey, out var item) || item is null)
            {
                return;
            }

            var stored = StoredConversationState.Read(item);
            if (!stored.Outbox.Any(e => eventIds.Contains(e.Id)))
            {
                return;
            }

            try
            {
                var rest = stored.Outbox.Where(e => !eventIds.Contains(e.Id)).ToList();
                await storage.WriteAsync(new Dictionary<string, object> { [storageKey] = StoredConversationState.From(stored.ToState(), stored.ETag!, stored.Participants, rest) }, cancellationToken);
                return;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(storageKey, attempt);
                await PartAsync(attempt, cancellationToken);
            }
        }
    }

    // Writers that collided would read and collide again in step (on SQLite they truly run at once): a few random milliseconds part them.
    private static Task PartAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);

    private async Task<(ConversationFlowState State, string ETag, List<string> Participants, List<PendingEvent> Outbox)> ReadStoredAsync(string storageKey, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([storageKey], cancellationToken);
        if (!items.TryGetValue(storageKey, out var item) || item is null)
        {
            return (ConversationFlowState.Empty, StoreItemETags.NotYetStored, [], []);
        }

        var stored = StoredConversationState.Read(item);
        return (stored.ToState(), stored.ETag ?? throw new InvalidDataException($"The storage returned '{storageKey}' without an eTag."), stored.Participants, stored.Outbox);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state {Key} was changed by another writer (attempt {Attempt}); deciding again on what it wrote")]
    private partial void LogConflict(string key, int attempt);
}
