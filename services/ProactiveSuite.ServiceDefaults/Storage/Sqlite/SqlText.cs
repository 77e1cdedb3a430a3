using System.Globalization;
using System.Text;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.ServiceDefaults.Storage.Sqlite;

/// <summary>
/// Filters and updates as SQL over a table <c>(id TEXT PRIMARY KEY, doc TEXT)</c>: a field is
/// <c>json_extract(doc, path)</c>, the same text as its expression index, so that SQLite uses the index.
/// Values are parameters, collected in order.
/// </summary>
internal sealed class SqlText(List<object?> parameters)
{
    public static string Field(string field, string source = "doc") =>
        field == Filter.Id ? "id" : $"json_extract({source}, '{Path(field)}')";

    /// <summary>A JSON path with every label quoted (<c>$."a"."b"</c>), so any reason code can be a label.</summary>
    public static string Path(string field) =>
        "$" + string.Concat(field.Split('.').Select(label => $".\"{label.Replace("'", "''", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)}\""));

    public string Where(Filter filter) => filter switch
    {
        Filter.Compare c => $"{Field(c.Field)} {Operator(c.Operator)} {Value(c.Value)}",
        Filter.Null n => $"{Field(n.Field)} {(n.IsNullWanted ? "IS NULL" : "IS NOT NULL")}",
        Filter.OneOf o => o.Values.Count == 0 ? "0" : $"{Field(o.Field)} IN ({string.Join(", ", o.Values.Select(Value))})",
        Filter.Holds h => $"EXISTS (SELECT 1 FROM json_each(doc, '{Path(h.Field)}') WHERE value = {Value(h.Value)})",
        Filter.All a => $"({Where(a.Left)} AND {Where(a.Right)})",
        Filter.Any a => $"({Where(a.Left)} OR {Where(a.Right)})",
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    /// <summary>The new document: <c>json_set(source, path, value, …)</c>, increments reading the old value.</summary>
    public string Set(Update update, string source = "doc")
    {
        var sql = new StringBuilder($"json_set({source}");
        foreach (var (field, value, increment) in update.Changes)
        {
            sql.Append(CultureInfo.InvariantCulture, $", '{Path(field)}', ");
            sql.Append(increment ? $"coalesce({Field(field, source)}, 0) + {Value(value)}" : value switch
            {
                // json_set writes text as a JSON string, numbers as numbers, NULL as null; true/false and objects need json().
                bool flag => flag ? "json('true')" : "json('false')",
                StoredJsonText text => $"json({Parameter(text.Json)})",
                _ => Value(value),
            });
        }

        return sql.Append(')').ToString();
    }

    public static string OrderBy(Sort sort) => $"{Field(sort.Field)}{(sort.Descending ? " DESC" : "")}";

    public string Parameter(object? value)
    {
        parameters.Add(value);
        return "@p" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private string Value(object? value) => Parameter(value switch
    {
        bool flag => flag ? 1L : 0L, // json_extract reads JSON true/false as 1/0
        StoredJsonText text => text.Json,
        _ => value,
    });

    private static string Operator(Filter.Comparison op) => op switch
    {
        Filter.Comparison.Eq => "=",
        Filter.Comparison.Lt => "<",
        Filter.Comparison.Lte => "<=",
        _ => ">",
    };
}
