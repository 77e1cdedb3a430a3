using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// /api/messages with an app id: the SDK's own token validation, fed by OpenID metadata and keys served
/// over https. Each refusal is a 401 with the reason; nothing a caller sends makes it a 5xx.
/// </summary>
[Collection(SecuredServicesGroup.Name)]
public sealed class ChannelAuthenticationTests(SecuredServices services)
{
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/emea/";

    public enum Refusal
    {
        MissingToken,
        WrongAudience,
        Expired,
        BadSignature,
        ServiceUrlMismatch,
        ChannelNotEndorsedByKey,
        WrongIssuer,
        NotAJwt,
    }

    [Fact]
    public async Task An_activity_with_a_valid_Bot_Framework_token_is_accepted()
    {
        var response = await PostAsync(TeamsActivity(), LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{services.Logs()}");
    }

    [Theory]
    [InlineData(Refusal.MissingToken, "the Authorization header is missing")]
    [InlineData(Refusal.WrongAudience, "Invalid AppId passed on token: another-bot")]
    [InlineData(Refusal.Expired, "The token has expired")]
    [InlineData(Refusal.BadSignature, "signature does not match a signing key")]
    [InlineData(Refusal.ServiceUrlMismatch, "serviceurl claim mismatch")]
    [InlineData(Refusal.ChannelNotEndorsedByKey, "Could not validate endorsement for key: webchat-key")]
    [InlineData(Refusal.WrongIssuer, "not a Bearer token from the Bot Framework's token issuer")]
    [InlineData(Refusal.NotAJwt, "does not hold a well-formed JWT")]
    public async Task An_activity_without_a_valid_token_is_refused_with_401_and_the_reason(Refusal refusal, string reason)
    {
        var token = refusal switch
        {
            Refusal.MissingToken => null,
            Refusal.WrongAudience => LocalTokenIssuer.ChannelToken("another-bot", TeamsServiceUrl),
            // Beyond the five minutes of clock skew the SDK allows.
            Refusal.Expired => LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, expires: DateTimeOffset.UtcNow.AddMinutes(-10)),
            Refusal.BadSignature => LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, key: LocalTokenIssuer.ForgedKey),
            Refusal.ServiceUrlMismatch => LocalTokenIssuer.ChannelToken(SecuredServices.AppId, "https://smba.trafficmanager.net/amer/"),
            Refusal.ChannelNotEndorsedByKey => LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, key: LocalTokenIssuer.WebChatOnlyKey),
            Refusal.WrongIssuer => LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, issuer: "https://issuer.example.com"),
            Refusal.NotAJwt => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };

        var response = await PostAsync(TeamsActivity(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Contains(reason, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_authorization_headers_are_refused_and_never_break_the_gateway()
    {
        var valid = LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl);
        var parts = valid.Split('.');
        string[] headers =
        [
            "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer " + valid + " extra", "Bearer " + parts[0], "Bearer " + parts[0] + "." + parts[1],
            "Bearer " + parts[0] + "." + parts[1] + ".", "Bearer ..", "Bearer " + new string('a', 7000), "Bearer " + parts[0] + ".%%%." + parts[2],
            "Bearer e30.e30.", "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.",
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ChannelKey, new JsonObject { ["iss"] = LocalTokenIssuer.BotFrameworkIssuer }),
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ChannelKey, new JsonObject { ["iss"] = LocalTokenIssuer.BotFrameworkIssuer, ["aud"] = SecuredServices.AppId, ["exp"] = "soon" }),
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ChannelKey, new JsonObject { ["iss"] = LocalTokenIssuer.BotFrameworkIssuer, ["aud"] = new JsonArray(SecuredServices.AppId, "x"), ["exp"] = 4102444800 }),
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ChannelKey, new JsonObject { ["iss"] = 42 }),
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ChannelKey, new JsonObject(), new JsonObject { ["alg"] = "HS256", ["kid"] = "channel-key" }),
            // Signed by an unpublished key under an unknown id (with a published key, an unknown id would still verify: IdentityModel tries every key).
            "Bearer " + LocalTokenIssuer.Sign(LocalTokenIssuer.ForgedKey, new JsonObject { ["iss"] = LocalTokenIssuer.BotFrameworkIssuer, ["aud"] = SecuredServices.AppId, ["exp"] = 4102444800, ["serviceurl"] = TeamsServiceUrl }, new JsonObject { ["alg"] = "RS256", ["kid"] = "unknown-key" }),
            // An emulator-issued token: the SDK checks it against the emulator metadata (also served locally).
            "Bearer " + LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            "Bearer " + valid[..^4] + "AAAA",
        ];

        foreach (var header in headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(services.GatewayUrl, "/api/messages"))
            {
                Content = new StringContent(TeamsActivity().ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", header);

            var response = await services.Http.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"'{header[..Math.Min(60, header.Length)]}…' got {(int)response.StatusCode}{Environment.NewLine}{services.Logs()}");
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(TeamsActivity(), valid)).StatusCode);
    }

    [Fact]
    public async Task A_refused_token_is_a_warning_with_the_reason_and_no_stack_trace_and_is_counted_by_reason()
    {
        var logged = (await ReadLogAsync()).Length;
        var tokens = new (string? Token, string Reason)[]
        {
            (null, "MissingToken"),
            ("not-a-jwt", "MalformedToken"),
            (LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, expires: DateTimeOffset.UtcNow.AddMinutes(-10)), "TokenExpired"),
            (LocalTokenIssuer.ChannelToken(SecuredServices.AppId, TeamsServiceUrl, key: LocalTokenIssuer.ForgedKey), "BadSignature"),
            (LocalTokenIssuer.ChannelToken("another-bot", TeamsServiceUrl), "TokenRefused"),
        };

        foreach (var (token, _) in tokens)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(TeamsActivity(), token)).StatusCode);
        }

        // The last refusal's warning is the sign that the log holds all of them.
        var log = await Eventually.Until(
            async () => (await ReadLogAsync())[logged..] is var written && written.Contains("Invalid AppId passed on token: another-bot", StringComparison.Ordinal) ? written : null,
            "the warning of the last refusal",
            services.Logs);
        var lines = log.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+at \S+\(") || l.Contains("Exception:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warn:", StringComparison.Ordinal));
        Assert.Contains("Refused a request to /api/messages with 401 (TokenExpired): the Bot Framework token was refused: The token has expired", log, StringComparison.Ordinal);

        foreach (var (_, reason) in tokens)
        {
            await Eventually.Until(
                () => Task.FromResult(services.Telemetry.MetricPoints().LastOrDefault(p => p.Name == "proactivesuite.gateway.inbound.refused" && p.Value > 0 && Equals(p.Attributes.GetValueOrDefault("proactivesuite.refusal.reason"), reason))),
                $"the refusal counted as {reason}",
                () => string.Join(Environment.NewLine, services.Telemetry.MetricPoints().Where(p => p.Name.StartsWith("proactivesuite.", StringComparison.Ordinal)).TakeLast(30)));
        }

    }

    private async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(services.Gateway.LogFilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The shared Teams conversationUpdate (only the bot is added, so the bot does not answer: its answer would
    /// need a token from Microsoft's login service, which these tests cannot reach).
    /// </summary>
    private static JsonObject TeamsActivity()
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-conversation-update.json"))!.AsObject();
        activity["from"]!["id"] = "29:auth-" + Guid.NewGuid().ToString("N")[..12];
        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(services.GatewayUrl, "/api/messages"))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await services.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
