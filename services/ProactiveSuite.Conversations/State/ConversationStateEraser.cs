using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Conversations.State;

/// <summary>
/// Erases the flow state of every conversation a user took part in: the bot's own questions' answers
/// (a name, a city) and any survey in progress. A conversation's state is one record, so a group
/// conversation's state goes as a whole when one of its participants is erased.
/// </summary>
internal sealed class ConversationStateEraser(IConversationStorage storage) : IUserDataEraser
{
    public string Store => "conversationState";

    public Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        storage.DeleteByParticipantAsync(user.Value, cancellationToken);
}
