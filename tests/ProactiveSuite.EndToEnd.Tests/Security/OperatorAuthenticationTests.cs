using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>Operator APIs take an API key or a bearer token from the configured issuer; only health is anonymous.</summary>
[Collection(SecuredServicesGroup.Name)]
public sealed class OperatorAuthenticationTests(SecuredServices services)
{
    private Uri Lookup => new(services.RegistryUrl, "/references/emulator/nobody");

    [Fact]
    public async Task Health_needs_no_credentials()
    {
        Assert.Equal(HttpStatusCode.OK, (await services.Http.GetAsync(new Uri(services.RegistryUrl, "/health"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_lookup_without_credentials_is_refused_with_the_reason()
    {
        await AssertRefused(await SendAsync(Lookup), "operator APIs need an API key in the X-Api-Key header or a bearer token");
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_refused_too_so_it_reveals_nothing()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(new Uri(services.RegistryUrl, "/admin"))).StatusCode);
    }

    [Theory]
    [InlineData("wrong-key-0123456789")]
    [InlineData("e2e-operator-key-012345678")]
    [InlineData("e2e-operator-key-01234567890")]
    public async Task A_wrong_api_key_is_refused(string key)
    {
        await AssertRefused(await SendAsync(Lookup, apiKey: key), "the X-Api-Key is not a valid operator API key");
    }

    [Fact]
    public async Task The_configured_api_key_is_let_through()
    {
        // 404: authenticated, and nobody of that name is stored.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Lookup, apiKey: ServiceEnvironment.OperatorApiKey)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_from_the_configured_issuer_is_let_through()
    {
        var response = await SendAsync(Lookup, bearer: services.Issuer.OperatorToken());
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.StatusCode}{Environment.NewLine}{services.Logs()}");
    }

    [Fact]
    public async Task A_bearer_token_for_another_audience_expired_or_forged_is_refused()
    {
        foreach (var token in new[]
        {
            services.Issuer.OperatorToken(audience: "api://another-api"),
            services.Issuer.OperatorToken(expires: DateTimeOffset.UtcNow.AddMinutes(-10)),
            services.Issuer.OperatorToken(key: LocalTokenIssuer.ForgedKey),
            LocalTokenIssuer.ChannelToken("api://proactivesuite-operators", "https://smba.trafficmanager.net/emea/"),
        })
        {
            await AssertRefused(await SendAsync(Lookup, bearer: token), "the bearer token was refused");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string? apiKey = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await services.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task AssertRefused(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.StartsWith(reason, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
