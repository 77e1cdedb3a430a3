using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Registry.Privacy;

/// <summary>Erases a user's conversation reference: the Registry's part of deleting a user's data.</summary>
internal sealed class ConversationReferenceEraser(IConversationReferenceStore store) : IUserDataEraser
{
    public string Store => "conversationReferences";

    public async Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        ReferenceKey.TryCreate(user.ChannelId, user.UserId, out var key, out _) && await store.DeleteAsync(key, cancellationToken) ? 1 : 0;
}
