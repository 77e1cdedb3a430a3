using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Registry.Members;

/// <summary>Erases what the Registry remembers of a user from group conversations.</summary>
internal sealed class KnownMemberEraser(IKnownMemberStore store) : IUserDataEraser
{
    public string Store => "knownMembers";

    public async Task<int> EraseAsync(UserKey user, CancellationToken cancellationToken) =>
        ReferenceKey.TryCreate(user.ChannelId, user.UserId, out var key, out _) && await store.DeleteAsync(key, cancellationToken) ? 1 : 0;
}
