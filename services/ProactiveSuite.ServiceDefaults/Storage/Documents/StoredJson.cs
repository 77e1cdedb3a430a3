using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProactiveSuite.ServiceDefaults.Storage.Documents;

/// <summary>
/// How every stored document, and every value a filter or update names, is written: one serialisation for
/// both engines, so a query means the same on each. Instants are UTC text of fixed width (sortable as text,
/// to the tick; a nullable one too, System.Text.Json wraps the converter), enums their names.
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new SortableInstant() },
    };

    /// <summary>
    /// A value as a filter or an update names it, as it appears in stored JSON: text, a whole number, a
    /// number, true/false, null, or (anything else) its <see cref="StoredJsonText"/>. No JSON is built for the
    /// common ones: they are what the delivery path compares and sets.
    /// </summary>
    public static object? ToValue(object? value) => value switch
    {
        null or string or bool or long or double => value,
        int number => (long)number,
        DateTimeOffset instant => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
        Enum name => name.ToString(),
        _ => new StoredJsonText(JsonSerializer.Serialize(value, Options)),
    };

    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private sealed class SortableInstant : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}

/// <summary>A value that is neither text, a number, true/false nor null, as its stored JSON.</summary>
public sealed record StoredJsonText(string Json);
