using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Conversations.State;

/// <summary>
/// Reads and changes a conversation's flow state in the shared <see cref="IStorage"/>, with optimistic
/// concurrency: every change is a decision taken on what was read and written only if nobody wrote since.
/// </summary>
public sealed partial class ConversationStateStore(IStorage storage, ILogger<ConversationStateStore> logger)
{
    /// <summary>
    /// How many times a decision is taken again after another writer came first. Two writers per
    /// conversation (the user's turn and a survey start) rarely collide twice; this only bounds a pathology.
    /// </summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// Reads the state, lets <paramref name="decide"/> decide, and saves the decision if the state is still
    /// what was read. When another writer came first, it reads again and decides again on what that writer
    /// saved, so neither change is lost. This re-read is the concurrency control itself, not a retry of a
    /// fault: the bot's turn has no consumer definition around it to do it, so both writers share this.
    /// </summary>
    /// <param name="decide">Pure: it may run several times, and only its last result counts.</param>
    /// <exception cref="ETagConflictException">Still conflicting after <see cref="MaxAttempts"/>.</exception>
    public async Task<T> UpdateAsync<T>(ConversationKey key, Func<ConversationFlowState, StateChange<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var (state, eTag, participants) = await ReadStoredAsync(key, cancellationToken);
            var change = decide(state);
            if (change.Next is null)
            {
                return change.Result;
            }

            try
            {
                var item = StoredConversationState.From(change.Next, eTag, key.Participant is { } participant ? [.. participants, participant] : participants);
                await storage.WriteAsync(new Dictionary<string, object> { [key.StorageKey] = item }, cancellationToken);
                return change.Result;
            }
            catch (ETagConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(key.StorageKey, attempt);
            }
        }
    }

    public async Task<ConversationFlowState> ReadAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(key, cancellationToken)).State;

    /// <summary>The participants recorded in a conversation's state (empty when it has none).</summary>
    public async Task<IReadOnlyList<string>> ParticipantsAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(key, cancellationToken)).Participants;

    private async Task<(ConversationFlowState State, string ETag, List<string> Participants)> ReadStoredAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([key.StorageKey], cancellationToken);
        if (!items.TryGetValue(key.StorageKey, out var item) || item is null)
        {
            return (ConversationFlowState.Empty, StoreItemETags.NotYetStored, []);
        }

        var stored = StoredConversationState.Read(item);
        return (stored.ToState(), stored.ETag ?? throw new InvalidDataException($"The storage returned '{key.StorageKey}' without an eTag."), stored.Participants);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state {Key} was changed by another writer (attempt {Attempt}); deciding again on what it wrote")]
    private partial void LogConflict(string key, int attempt);
}
