using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.Members;

/// <summary>Where the Registry keeps the users it has seen in group conversations, one per user and channel.</summary>
public interface IKnownMemberStore
{
    /// <summary>Stores <paramref name="member"/> when <see cref="NewestWins"/> says so, atomically.</summary>
    Task<UpsertOutcome> UpsertNewestAsync(StoredMember member, CancellationToken cancellationToken);

    Task<StoredMember?> FindAsync(ReferenceKey key, CancellationToken cancellationToken);

    /// <summary>The members of many keys at once; keys with none are left out.</summary>
    Task<IReadOnlyList<StoredMember>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken);

    /// <summary>Removes the user's record (erasure); true when one was stored.</summary>
    Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken);
}
