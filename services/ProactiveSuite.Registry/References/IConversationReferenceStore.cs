using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.References;

/// <summary>Where the Registry keeps references: MongoDB in production, an embedded file by default.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Stores <paramref name="reference"/> when <see cref="NewestWins"/> says so, atomically.</summary>
    Task<UpsertOutcome> UpsertNewestAsync(StoredReference reference, CancellationToken cancellationToken);

    /// <summary>Marks the reference revoked when <see cref="NewestWins.Revokes"/> says so, atomically.</summary>
    Task<UpsertOutcome> RevokeAsync(ReferenceRevoked revocation, CancellationToken cancellationToken);

    Task<StoredReference?> FindAsync(ReferenceKey key, CancellationToken cancellationToken);

    /// <summary>The stored references of many keys at once; keys with none are left out.</summary>
    Task<IReadOnlyList<StoredReference>> FindManyAsync(IReadOnlyCollection<ReferenceKey> keys, CancellationToken cancellationToken);

    /// <summary>References in key order, optionally of one channel, starting after a cursor.</summary>
    Task<ReferencePage> ListAsync(ReferencePageRequest request, CancellationToken cancellationToken);

    /// <summary>How many references are stored; may be an estimate (it feeds a gauge, not a decision).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Removes the user's reference (erasure); true when one was stored.</summary>
    Task<bool> DeleteAsync(ReferenceKey key, CancellationToken cancellationToken);
}

public enum UpsertOutcome
{
    /// <summary>The reference was new, or newer than the stored one, and is now stored.</summary>
    Stored,

    /// <summary>The stored reference is as new or newer (or not the one named); nothing changed.</summary>
    Stale,
}

/// <param name="ChannelId">Only references of this channel, when given.</param>
/// <param name="After">The <see cref="ReferencePage.Next"/> cursor of the previous page.</param>
/// <param name="Limit">At most this many references.</param>
/// <param name="TenantId">Only references of this tenant, when given.</param>
/// <param name="ActiveOnly">Leave out revoked references.</param>
public sealed record ReferencePageRequest(string? ChannelId, ReferenceKey? After, int Limit, string? TenantId = null, bool ActiveOnly = false);

/// <param name="Items">The references of this page.</param>
/// <param name="Next">The cursor of the next page, or null on the last page.</param>
public sealed record ReferencePage(IReadOnlyList<StoredReference> Items, ReferenceKey? Next);
