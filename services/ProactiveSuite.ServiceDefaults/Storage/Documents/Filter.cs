namespace ProactiveSuite.ServiceDefaults.Storage.Documents;

/// <summary>
/// A condition on stored documents, declared once and executed by each engine (a SQL WHERE on SQLite, a
/// query document on MongoDB), so that a store's rule is written once and applied atomically by the server.
/// Fields are JSON paths as <see cref="StoredJson"/> writes them (<c>key.userId</c>); <see cref="Id"/> is the key.
/// A missing field and a null one are the same; a comparison with null matches nothing.
/// </summary>
public abstract record Filter
{
    /// <summary>The document's key.</summary>
    public const string Id = "_id";

    private Filter()
    {
    }

    public static Filter Eq(string field, object? value) => value is null ? IsNull(field) : new Compare(field, Comparison.Eq, StoredJson.ToValue(value));

    public static Filter Lt(string field, object value) => new Compare(field, Comparison.Lt, StoredJson.ToValue(value));

    public static Filter Lte(string field, object value) => new Compare(field, Comparison.Lte, StoredJson.ToValue(value));

    public static Filter Gt(string field, object value) => new Compare(field, Comparison.Gt, StoredJson.ToValue(value));

    public static Filter IsNull(string field) => new Null(field, true);

    public static Filter NotNull(string field) => new Null(field, false);

    public static Filter In(string field, IEnumerable<object> values) => new OneOf(field, [.. values.Select(v => StoredJson.ToValue(v))]);

    /// <summary>An array field holds <paramref name="value"/>.</summary>
    public static Filter Contains(string field, object value) => new Holds(field, StoredJson.ToValue(value));

    public static Filter operator &(Filter left, Filter right) => new All(left, right);

    public static Filter operator |(Filter left, Filter right) => new Any(left, right);

    public enum Comparison
    {
        Eq,
        Lt,
        Lte,
        Gt,
    }

    public sealed record Compare(string Field, Comparison Operator, object? Value) : Filter;

    public sealed record Null(string Field, bool IsNullWanted) : Filter;

    public sealed record OneOf(string Field, IReadOnlyList<object?> Values) : Filter;

    public sealed record Holds(string Field, object? Value) : Filter;

    public sealed record All(Filter Left, Filter Right) : Filter;

    public sealed record Any(Filter Left, Filter Right) : Filter;
}

/// <summary>Changes made in place by the engine, atomically with the filter that chose the document.</summary>
public sealed record Update
{
    private Update(IReadOnlyList<(string Field, object? Value, bool Increment)> changes) => Changes = changes;

    public IReadOnlyList<(string Field, object? Value, bool Increment)> Changes { get; }

    public static Update Set(string field, object? value) => new([(field, StoredJson.ToValue(value), false)]);

    /// <summary>Adds <paramref name="by"/> to a number (a missing one counts as 0).</summary>
    public static Update Inc(string field, int by) => new([(field, StoredJson.ToValue(by), true)]);

    public static Update operator &(Update first, Update then) => new([.. first.Changes, .. then.Changes]);
}

/// <summary>The order of a query's documents.</summary>
public sealed record Sort(string Field, bool Descending = false)
{
    public static readonly Sort ById = new(Filter.Id);
}
