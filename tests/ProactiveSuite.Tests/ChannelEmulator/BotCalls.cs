using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;

namespace ProactiveSuite.Tests.ChannelEmulator;

/// <summary>
/// Makes the Bot Connector calls a bot makes (create, send, reply) and the control calls a person makes, over real
/// HTTP to a <see cref="ChannelEmulatorServer"/>, with the JSON shapes the Bot Framework SDK sends.
/// </summary>
public sealed class BotCalls(ChannelEmulatorServer channel) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = channel.BaseUrl };

    public HttpClient Http => _http;

    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>.</summary>
    public Task<HttpResponseMessage> SendAsync(
        string conversationId, string text = "hello", string? userId = null, string? tenantId = null, string? channelDataTenantId = null,
        CancellationToken ct = default) =>
        PostAsync($"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", Message(conversationId, text, userId, tenantId, channelDataTenantId), ct);

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public Task<HttpResponseMessage> ReplyAsync(string conversationId, string activityId, string text = "a reply", string? userId = null) =>
        PostAsync(
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}",
            Message(conversationId, text, userId, tenantId: null, channelDataTenantId: null));

    /// <summary><c>POST /v3/conversations</c> with one member, like the Dispatcher's create.</summary>
    public Task<HttpResponseMessage> CreateAsync(string userId, string? tenantId = null) =>
        PostAsync("v3/conversations", new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["tenantId"] = tenantId,
        });

    /// <summary>Creates a conversation and answers its id, failing the test when the channel refuses.</summary>
    public async Task<string> CreatedConversationAsync(string userId, string? tenantId = null)
    {
        using var response = await CreateAsync(userId, tenantId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await JsonOf(response))["id"]!;
    }

    public Task<HttpResponseMessage> PostAsync(string relativeUrl, JsonNode body, CancellationToken ct = default) =>
        _http.PostAsync(relativeUrl, Json(body), Bound(ct));

    public Task<HttpResponseMessage> PostRawAsync(string relativeUrl, string body) =>
        _http.PostAsync(relativeUrl, new StringContent(body, Encoding.UTF8, "application/json"), Bound(default));

    public Task<HttpResponseMessage> PutAsync(string relativeUrl, JsonNode body) =>
        _http.PutAsync(relativeUrl, Json(body), Bound(default));

    public Task<HttpResponseMessage> PutRawAsync(string relativeUrl, string body) =>
        _http.PutAsync(relativeUrl, new StringContent(body, Encoding.UTF8, "application/json"), Bound(default));

    public Task<HttpResponseMessage> GetAsync(string relativeUrl) => _http.GetAsync(relativeUrl, Bound(default));

    public Task<HttpResponseMessage> DeleteAsync(string relativeUrl) => _http.DeleteAsync(relativeUrl, Bound(default));

    public static async Task<JsonNode> JsonOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
        ?? throw new InvalidOperationException("The response has no JSON body.");

    /// <summary>The ErrorResponse's <c>error.code</c>.</summary>
    public static async Task<string?> ErrorCodeOf(HttpResponseMessage response) => (string?)(await JsonOf(response))["error"]?["code"];

    /// <summary>The ErrorResponse's <c>error.message</c>.</summary>
    public static async Task<string?> ErrorMessageOf(HttpResponseMessage response) => (string?)(await JsonOf(response))["error"]?["message"];

    /// <summary>The <c>Retry-After</c> header in seconds, or null when there is none.</summary>
    public static int? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) : null;

    public void Dispose() => _http.Dispose();

    private static JsonObject Message(string conversationId, string text, string? userId, string? tenantId, string? channelDataTenantId)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "bot-proactive", ["name"] = "ProactiveBot" },
            ["recipient"] = new JsonObject { ["id"] = userId ?? "user-ada" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["tenantId"] = tenantId },
        };
        if (channelDataTenantId is not null)
        {
            activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelDataTenantId } };
        }
        return activity;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static CancellationToken Bound(CancellationToken ct) => ct.CanBeCanceled ? ct : TestContext.Current.CancellationToken;
}
