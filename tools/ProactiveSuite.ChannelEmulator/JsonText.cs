using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>How the emulator reads and writes Bot Framework JSON.</summary>
internal static class JsonText
{
    /// <summary>
    /// Our own options rather than the host's HTTP JSON options: when embedded, the host may configure another naming
    /// policy or a source-generated resolver, and the wire format must stay what the Bot Connector sends.
    /// Relaxed escaping keeps names like "Ada Lovelace's" readable in curl output and logs.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? StringOf(JsonObject? node, string property) =>
        node?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The Bot Framework's timestamp shape: ISO-8601 with milliseconds, e.g. <c>2026-11-24T09:15:02.123Z</c>.</summary>
    public static string UtcTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>localTimestamp</c> shape, e.g. <c>2026-11-24T10:15:02.123+01:00</c>.</summary>
    public static string LocalTimestamp(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string NewId() => Guid.NewGuid().ToString("N");
}
