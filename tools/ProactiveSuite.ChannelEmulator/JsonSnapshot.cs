using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Makes the copies of received JSON (activities, accounts, channelData) that the transcript keeps and hands out.</summary>
internal static class JsonSnapshot
{
    /// <summary>
    /// A deep copy, so later changes by the caller do not rewrite history, walked once so that every node is
    /// materialised: parsed JsonObjects build their children lazily on first read, which is not safe when several
    /// test threads read the same recorded activity at once.
    /// </summary>
    public static JsonObject Of(JsonObject received)
    {
        var copy = received.DeepClone().AsObject();
        Materialise(copy);
        return copy;
    }

    private static void Materialise(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Materialise(property.Value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialise(item);
                }
                break;
        }
    }
}
