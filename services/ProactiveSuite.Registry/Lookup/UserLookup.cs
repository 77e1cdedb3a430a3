using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.Members;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Registry.Lookup;

/// <summary>
/// Where a user can be reached: their reference, and when it is missing or revoked, the user as seen in a
/// group conversation (enough for the Dispatcher to create a one-to-one conversation).
/// </summary>
public sealed class UserLookup(IConversationReferenceStore references, IKnownMemberStore members)
{
    public async Task<UserFound> FindAsync(ReferenceKey key, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(key, cancellationToken);
        var member = reference is { IsRevoked: false } ? null : await members.FindAsync(key, cancellationToken);
        return new UserFound(reference, member?.Member);
    }

    /// <returns>One answer per key, in the same order; null keys (unusable ids) find nothing.</returns>
    public async Task<IReadOnlyList<UserFound>> FindManyAsync(IReadOnlyList<ReferenceKey?> keys, CancellationToken cancellationToken)
    {
        var stored = (await references.FindManyAsync(keys.OfType<ReferenceKey>().Distinct().ToList(), cancellationToken)).ToDictionary(r => r.Key);
        var unreachable = keys.OfType<ReferenceKey>().Where(k => stored.GetValueOrDefault(k) is null or { IsRevoked: true }).Distinct().ToList();
        var seen = (await members.FindManyAsync(unreachable, cancellationToken)).ToDictionary(m => m.Key);
        return keys.Select(key => key is { } k
            ? new UserFound(stored.GetValueOrDefault(k), seen.GetValueOrDefault(k)?.Member)
            : new UserFound(null, null)).ToList();
    }
}

/// <param name="Reference">The user's reference, revoked or not; null when none is stored.</param>
/// <param name="Member">With no usable reference: the user as seen in a group conversation, when they were.</param>
public sealed record UserFound(StoredReference? Reference, KnownMember? Member)
{
    public ConversationAddress? UsableAddress => Reference is { IsRevoked: false } usable ? usable.Address : null;
}
