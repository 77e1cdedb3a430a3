using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.ServiceDefaults.Storage.Sqlite;

/// <summary>
/// One service's SQLite file and the connections to it. WAL: readers never wait for the writer, and a commit
/// is one append. synchronous=NORMAL: a killed process loses nothing committed (the WAL is in the OS's
/// hands); a power cut may lose the last commits, never the file's consistency (docs/architecture.md).
/// Other processes may open the same file: SQLite's locks serialise the writers, each waiting up to the busy timeout.
/// </summary>
public sealed class SqliteDatabase : IDocumentStore, IDisposable
{
    private const int BusyTimeoutMs = 10_000;

    // Enough for the writers SQLite serialises anyway and the readers beside them; a burst's extra ones are closed.
    private const int MaxIdle = 32;
    private readonly string _connectionString;
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private readonly ConcurrentDictionary<string, object> _collections = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteDatabase(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // Our own pool (Pooling=False): its connections keep their pragmas and prepared statements.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = false, DefaultTimeout = BusyTimeoutMs / 1000 }.ToString();
        using var lease = Rent();
        lease.Connection.Execute("PRAGMA journal_mode=WAL");
    }

    /// <summary>
    /// Runs one write statement, one at a time in this process. SQLite takes one writer at a time anyway; a second
    /// one that tried would block its thread in SQLite's busy handler, which sleeps 1, 2, 5, 10 ms and more between
    /// tries. Queued here, it waits without a thread and starts the moment the write before it ends.
    /// </summary>
    internal async Task<TResult> WriteAsync<TResult>(Func<TResult> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return write();
        }
        finally
        {
            _writer.Release();
        }
    }

    public IDocuments<T> Collection<T>(CollectionSpec spec)
        where T : class =>
        (IDocuments<T>)_collections.GetOrAdd(spec.Name, _ => new SqliteDocuments<T>(this, spec));

    internal Lease Rent()
    {
        if (!_idle.TryTake(out var connection))
        {
            var opened = new SqliteConnection(_connectionString);
            opened.Open();
            connection = new PooledConnection(opened);
            connection.Execute($"PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA synchronous=NORMAL");
        }

        return new Lease(this, connection);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    internal readonly struct Lease(SqliteDatabase database, PooledConnection connection) : IDisposable
    {
        public PooledConnection Connection => connection;

        public void Dispose()
        {
            if (database._idle.Count < MaxIdle)
            {
                database._idle.Add(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }
}

/// <summary>An open connection with its prepared statements, one per SQL text.</summary>
internal sealed class PooledConnection(SqliteConnection connection) : IDisposable
{
    private const int MaxPrepared = 64;
    private static readonly string[] Names = [.. Enumerable.Range(0, 16).Select(i => "@p" + i)];
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteCommand Command(string sql, IReadOnlyList<object?> parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            if (_prepared.Count >= MaxPrepared)
            {
                // Texts that vary (a list of keys of any length) must not pile up.
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }

        command.Parameters.Clear();
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Parameters.AddWithValue(i < Names.Length ? Names[i] : "@p" + i, parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    public void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
    }
}
