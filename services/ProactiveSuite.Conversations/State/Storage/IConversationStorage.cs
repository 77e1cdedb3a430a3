using Microsoft.Bot.Builder;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// The SDK's <see cref="IStorage"/> as ProactiveSuite's adapters implement it, plus what the SDK's contract
/// lacks and erasure needs: finding items by the users they are about. An item names those users in a
/// top-level <see cref="ParticipantsProperty"/> array; the adapters keep it beside the item's JSON, indexed.
/// </summary>
public interface IConversationStorage : IStorage
{
    /// <summary>The top-level property (any case) of an item that lists its participants.</summary>
    const string ParticipantsProperty = "participants";

    /// <summary>Deletes every item that lists <paramref name="participant"/>; idempotent.</summary>
    /// <returns>How many items were deleted.</returns>
    Task<int> DeleteByParticipantAsync(string participant, CancellationToken cancellationToken);
}
