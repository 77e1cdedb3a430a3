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

    public static JsonElement ToElement(object? value) => JsonSerializer.SerializeToElement(value, Options);

    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private sealed class SortableInstant : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
