using Microsoft.Bot.Builder;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// The SDK's <see cref="IStorage"/> as ProactiveSuite's adapters implement it, plus what the SDK's contract
/// lacks and erasure and the outbox relay need: finding items by the users they are about, and items with
/// events waiting. An item names those users in a top-level <see cref="ParticipantsProperty"/> array and the
/// wait in <see cref="OutboxSinceProperty"/>; the adapters keep both beside the item's JSON, indexed.
/// </summary>
public interface IConversationStorage : IStorage
{
    /// <summary>The top-level property (any case) of an item that lists its participants.</summary>
    const string ParticipantsProperty = "participants";

    /// <summary>The top-level property (any case) of an item that says since when events wait in its outbox.</summary>
    const string OutboxSinceProperty = "outboxSince";

    /// <summary>The keys of items whose outbox has waited since before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<string>> FindWaitingOutboxesAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes every item that lists <paramref name="participant"/>; idempotent.</summary>
    /// <returns>How many items were deleted.</returns>
    Task<int> DeleteByParticipantAsync(string participant, CancellationToken cancellationToken);
}
