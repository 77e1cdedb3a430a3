using System.Text.Json;
using System.Text.Json.Serialization;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Dispatcher.Progress.Stores;

/// <summary>
/// A stored <see cref="NotificationEdit"/> is JSON text, not a sub-document: its attachments carry any JSON
/// (an Adaptive Card's "$schema"), which MongoDB does not take as field names.
/// </summary>
internal sealed class EditAsText : JsonConverter<NotificationEdit>
{
    public static string Of(NotificationEdit edit) => JsonSerializer.Serialize(edit, StoredJson.Options);

    public override NotificationEdit? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<NotificationEdit>(reader.GetString()!, StoredJson.Options);

    public override void Write(Utf8JsonWriter writer, NotificationEdit value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Of(value));
}
