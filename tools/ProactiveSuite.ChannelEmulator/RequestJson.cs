using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Reads request bodies as loose JSON, so that any activity shape the bot sends is kept as it was sent.</summary>
internal static class RequestJson
{
    /// <summary>The body as a JSON object, or null when it is empty, malformed or another JSON value.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Why the JSON is not an activity the channel accepts, or null when it is one.</summary>
    public static string? ActivityProblem(JsonObject? activity) =>
        activity is null ? "The body must be a JSON object (an activity)."
        : string.IsNullOrEmpty(JsonText.StringOf(activity, "type")) ? "The activity has no type."
        : null;
}
