namespace ProactiveSuite.ServiceDefaults.Storage.Documents;

/// <summary>
/// The seam between the stores and an engine: documents of one type, each under a string key, kept as
/// <see cref="StoredJson"/>. Every operation is atomic on its own (the engine's conditional write, never a
/// read then a write in the caller), so two processes or replicas on one database never interleave inside one.
/// The stores are written once on top of it; SQLite and MongoDB each implement it.
/// </summary>
public interface IDocuments<T>
    where T : class
{
    Task<T?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The documents that match, in <paramref name="sort"/> order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<T>> FindAsync(Filter filter, Sort sort, int limit, CancellationToken cancellationToken);

    /// <summary>How many match (all when <paramref name="filter"/> is null).</summary>
    Task<long> CountAsync(Filter? filter, CancellationToken cancellationToken);

    /// <summary>How many match, per distinct values of <paramref name="fields"/> (text or null).</summary>
    Task<IReadOnlyList<(IReadOnlyList<string?> Values, int Count)>> CountByAsync(Filter filter, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary>Inserts it unless the key is taken; false when it was.</summary>
    Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored document when it matches <paramref name="condition"/> (any, when null); when none is
    /// stored, inserts it if <paramref name="upsert"/>. False when nothing was written.
    /// </summary>
    Task<bool> ReplaceAsync(string id, T document, Filter? condition, bool upsert, CancellationToken cancellationToken);

    /// <summary>Changes the stored document in place when it matches <paramref name="condition"/>; the changed document, or null (none, or no match).</summary>
    Task<T?> UpdateAsync(string id, Filter? condition, Update update, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="update"/> applied to the stored document when it matches <paramref name="condition"/>,
    /// or to <paramref name="initial"/> inserted when none is stored; the changed document, or null (no match).
    /// On MongoDB the fields <paramref name="update"/> touches start absent (an increment from 0), whatever <paramref name="initial"/> says.
    /// </summary>
    Task<T?> UpsertAsync(string id, T initial, Filter condition, Update update, CancellationToken cancellationToken);

    /// <summary>
    /// Changes up to <paramref name="max"/> matching documents, the first in <paramref name="sort"/> order, and
    /// returns them changed, in no set order; a document is claimed by one caller only.
    /// </summary>
    Task<IReadOnlyList<T>> ClaimAsync(Filter filter, Sort sort, int max, Update claim, CancellationToken cancellationToken);

    /// <summary>Deletes every match; how many.</summary>
    Task<int> DeleteAsync(Filter filter, CancellationToken cancellationToken);
}

/// <summary>A collection (a table on SQLite) and the fields it is found and ordered by.</summary>
/// <param name="Indexes">Each index's fields (JSON paths as filters name them, or <see cref="Filter.Id"/>).</param>
public sealed record CollectionSpec(string Name, params IReadOnlyList<string>[] Indexes);

/// <summary>A service's database on one engine: its collections, each opened once.</summary>
public interface IDocumentStore
{
    IDocuments<T> Collection<T>(CollectionSpec spec)
        where T : class;
}
