using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ProactiveSuite.Conversations.State.Storage;

/// <summary>
/// How the <see cref="IStorage"/> adapters keep an item: its JSON without the eTag, which they keep beside it.
/// No type names are stored (unlike TypeNameHandling.All): a renamed class does not strand its state, and
/// stored JSON can never choose what type gets instantiated. Items come back as <see cref="JObject"/>,
/// which BotState reads as it is and other callers turn into their type with <c>ToObject</c>.
/// </summary>
internal static class StoreItemJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    });

    /// <returns>
    /// The item's JSON without its eTag, the eTag the write is conditional on (null: none), the
    /// participants it lists (<see cref="IConversationStorage.ParticipantsProperty"/>; empty when none), and
    /// since when events wait in its outbox (<see cref="IConversationStorage.OutboxSinceProperty"/>; null: none).
    /// </returns>
    public static (string Json, string? ETag, string[] Participants, DateTimeOffset? OutboxSince) ToStored(string key, object? item)
    {
        if (item is null)
        {
            throw new ArgumentException($"The item for '{key}' is null; delete it instead.", nameof(item));
        }

        var eTag = item switch
        {
            IStoreItem storeItem => storeItem.ETag,
            JObject json => ETagOf(json),
            IDictionary<string, object> properties => ETagOf(properties),
            _ => null,
        };
        var stored = JObject.FromObject(item, Serializer);
        stored.Remove("eTag");
        stored.Remove("ETag");
        var participants = stored.GetValue(IConversationStorage.ParticipantsProperty, StringComparison.OrdinalIgnoreCase) is JArray listed
            ? listed.OfType<JValue>().Select(v => v.Value).OfType<string>().ToArray()
            : [];
        var outboxSince = (stored.GetValue(IConversationStorage.OutboxSinceProperty, StringComparison.OrdinalIgnoreCase) as JValue)?.Value switch
        {
            DateTimeOffset at => at,
            DateTime at => new DateTimeOffset(at.ToUniversalTime()),
            _ => (DateTimeOffset?)null,
        };
        return (stored.ToString(Formatting.None), eTag, participants, outboxSince);
    }

    public static JObject FromStored(string json, string eTag)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.DateTimeOffset };
        var item = JObject.Load(reader);
        item["eTag"] = eTag;
        return item;
    }

    /// <summary>A new eTag; never <see cref="StoreItemETags.Any"/> or <see cref="StoreItemETags.NotYetStored"/>.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    // BotState's state is a dictionary that carries the eTag it was read with under the adapter's "eTag".
    private static string? ETagOf(JObject json) =>
        (json.GetValue("eTag", StringComparison.OrdinalIgnoreCase) as JValue)?.Value as string;

    private static string? ETagOf(IDictionary<string, object> properties) =>
        properties.FirstOrDefault(p => string.Equals(p.Key, "eTag", StringComparison.OrdinalIgnoreCase)).Value switch
        {
            string text => text,
            JValue value => value.Value as string,
            _ => null,
        };
}
