using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProactiveSuite.ServiceDefaults.Storage.Documents;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.ServiceDefaults.Storage.Sqlite;

/// <summary>
/// A collection as a table: the key, and the document as JSON, with an expression index per
/// <see cref="CollectionSpec.Indexes"/> entry. Each operation is one statement, atomic on its own.
/// </summary>
internal sealed class SqliteDocuments<T> : IDocuments<T>
    where T : class
{
    private readonly SqliteDatabase _database;
    private readonly string _table;

    public SqliteDocuments(SqliteDatabase database, CollectionSpec spec)
    {
        _database = database;
        _table = spec.Name;
        using var lease = database.Rent();
        lease.Connection.Execute($"CREATE TABLE IF NOT EXISTS \"{_table}\" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)");
        foreach (var fields in spec.Indexes)
        {
            var name = $"{_table}_{string.Join("_", fields).Replace(".", "", StringComparison.Ordinal).Replace(Filter.Id, "id", StringComparison.Ordinal)}";
            lease.Connection.Execute($"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"{_table}\" ({string.Join(", ", fields.Select(f => SqlText.Field(f)))})");
        }
    }

    public Task<T?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Documents("findById", $"SELECT doc FROM \"{_table}\" WHERE id = @p0", [id]).FirstOrDefault());

    public Task<IReadOnlyList<T>> FindAsync(Filter filter, Sort sort, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q => $"SELECT doc FROM \"{_table}\" WHERE {q.Where(filter)} ORDER BY {SqlText.OrderBy(sort)} LIMIT {q.Parameter(limit)}");
        return Task.FromResult<IReadOnlyList<T>>(Documents("query", sql, parameters));
    }

    public Task<long> CountAsync(Filter? filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q => $"SELECT COUNT(*) FROM \"{_table}\"{(filter is null ? "" : " WHERE " + q.Where(filter))}");
        return Task.FromResult(Run("count", sql, parameters, c => (long)c.ExecuteScalar()!));
    }

    public Task<IReadOnlyList<(IReadOnlyList<string?> Values, int Count)>> CountByAsync(Filter filter, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", fields.Select(f => SqlText.Field(f)));
        var (sql, parameters) = Build(q => $"SELECT {columns}, COUNT(*) FROM \"{_table}\" WHERE {q.Where(filter)} GROUP BY {columns}");
        return Task.FromResult<IReadOnlyList<(IReadOnlyList<string?>, int)>>(Run("aggregate", sql, parameters, command =>
        {
            using var reader = command.ExecuteReader();
            var groups = new List<(IReadOnlyList<string?>, int)>();
            while (reader.Read())
            {
                groups.Add(([.. fields.Select((_, i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))], reader.GetInt32(fields.Count)));
            }

            return groups;
        }));
    }

    public async Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken) =>
        await ChangesAsync("insert", $"INSERT INTO \"{_table}\" (id, doc) VALUES (@p0, @p1) ON CONFLICT (id) DO NOTHING", [id, Json(document)], cancellationToken) == 1;

    public async Task<bool> ReplaceAsync(string id, T document, Filter? condition, bool upsert, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q =>
        {
            var (key, doc) = (q.Parameter(id), q.Parameter(Json(document)));
            var only = condition is null ? "" : q.Where(condition);
            return upsert
                ? $"INSERT INTO \"{_table}\" (id, doc) VALUES ({key}, {doc}) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc{(condition is null ? "" : " WHERE " + only)}"
                : $"UPDATE \"{_table}\" SET doc = {doc} WHERE id = {key}{(condition is null ? "" : " AND " + only)}";
        });
        return await ChangesAsync(upsert ? "upsert" : "replace", sql, parameters, cancellationToken) == 1;
    }

    public async Task<T?> UpdateAsync(string id, Filter? condition, Update update, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q => $"UPDATE \"{_table}\" SET doc = {q.Set(update)} WHERE id = {q.Parameter(id)}{(condition is null ? "" : " AND " + q.Where(condition))} RETURNING doc");
        return (await WrittenDocumentsAsync("update", sql, parameters, cancellationToken)).FirstOrDefault();
    }

    public async Task<T?> UpsertAsync(string id, T initial, Filter condition, Update update, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q =>
        {
            var (key, inserted) = (q.Parameter(id), q.Set(update, q.Parameter(Json(initial))));
            return $"INSERT INTO \"{_table}\" (id, doc) VALUES ({key}, {inserted}) ON CONFLICT (id) DO UPDATE SET doc = {q.Set(update)} WHERE {q.Where(condition)} RETURNING doc";
        });
        return (await WrittenDocumentsAsync("upsert", sql, parameters, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<T>> ClaimAsync(Filter filter, Sort sort, int max, Update claim, CancellationToken cancellationToken)
    {
        // One statement: the choice and the change cannot interleave with another claimer's.
        var (sql, parameters) = Build(q =>
        {
            var set = q.Set(claim);
            return $"UPDATE \"{_table}\" SET doc = {set} WHERE id IN (SELECT id FROM \"{_table}\" WHERE {q.Where(filter)} ORDER BY {SqlText.OrderBy(sort)} LIMIT {q.Parameter(max)}) RETURNING doc";
        });
        return await WrittenDocumentsAsync("claim", sql, parameters, cancellationToken);
    }

    public Task<int> DeleteAsync(Filter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Build(q => $"DELETE FROM \"{_table}\" WHERE {q.Where(filter)}");
        return ChangesAsync("delete", sql, parameters, cancellationToken);
    }

    private static (string Sql, List<object?> Parameters) Build(Func<SqlText, string> sql)
    {
        var parameters = new List<object?>();
        return (sql(new SqlText(parameters)), parameters);
    }

    private static string Json(T document) => JsonSerializer.Serialize(document, StoredJson.Options);

    private List<T> Documents(string operation, string sql, IReadOnlyList<object?> parameters) => Run(operation, sql, parameters, command =>
    {
        using var reader = command.ExecuteReader();
        var documents = new List<T>();
        while (reader.Read())
        {
            documents.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), StoredJson.Options)
                ?? throw new InvalidDataException($"A document in {_table} is empty."));
        }

        return documents;
    });

    private Task<List<T>> WrittenDocumentsAsync(string operation, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken) =>
        _database.WriteAsync(() => Documents(operation, sql, parameters), cancellationToken);

    private Task<int> ChangesAsync(string operation, string sql, IReadOnlyList<object?> parameters, CancellationToken cancellationToken) =>
        _database.WriteAsync(() => Run(operation, sql, parameters, command => command.ExecuteNonQuery()), cancellationToken);

    private TResult Run<TResult>(string operation, string sql, IReadOnlyList<object?> parameters, Func<SqliteCommand, TResult> run) =>
        EmbeddedStoreSpans.Trace(operation, _table, () =>
        {
            using var lease = _database.Rent();
            return run(lease.Connection.Command(sql, parameters));
        });
}
