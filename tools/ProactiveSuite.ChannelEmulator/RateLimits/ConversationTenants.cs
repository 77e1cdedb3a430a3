using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Which tenant a connector call counts against: the one the call names (<c>conversation.tenantId</c>, else Teams'
/// <c>channelData.tenant.id</c>), else the one the conversation was created in, else
/// <see cref="ChannelRateLimits.DefaultTenant"/>. Remembers created conversations' tenants for the emulator's life,
/// whether limits are enforced or not, so enforcing them later still counts earlier conversations right.
/// </summary>
internal sealed class ConversationTenants
{
    private readonly ConcurrentDictionary<string, string> _created = new(StringComparer.Ordinal);

    /// <summary>The tenant of a create: its <c>tenantId</c>, else <c>channelData.tenant.id</c>.</summary>
    public static string OfCreate(JsonObject parameters) => NamedInCreate(parameters) ?? ChannelRateLimits.DefaultTenant;

    /// <summary>The tenant a create names (<c>tenantId</c>, else <c>channelData.tenant.id</c>), or null when it names none.</summary>
    public static string? NamedInCreate(JsonObject parameters) =>
        Named(JsonText.StringOf(parameters, "tenantId"), parameters["channelData"] as JsonObject);

    /// <summary>The tenant of a send or reply of <paramref name="activity"/> into <paramref name="conversationId"/>.</summary>
    public string OfActivity(JsonObject activity, string conversationId) =>
        Named(JsonText.StringOf(activity["conversation"] as JsonObject, "tenantId"), activity["channelData"] as JsonObject)
        ?? _created.GetValueOrDefault(conversationId)
        ?? ChannelRateLimits.DefaultTenant;

    public void Created(string conversationId, string tenantId) => _created[conversationId] = tenantId;

    private static string? Named(string? tenantId, JsonObject? channelData) =>
        NonEmpty(tenantId) ?? NonEmpty(JsonText.StringOf(channelData?["tenant"] as JsonObject, "id"));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
