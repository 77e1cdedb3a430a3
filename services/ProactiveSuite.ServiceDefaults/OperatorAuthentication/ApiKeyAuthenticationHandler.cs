using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProactiveSuite.ServiceDefaults.OperatorAuthentication;

/// <summary>
/// Authenticates an operator by an API key header. Keys are compared as SHA-256 digests in constant
/// time, so neither timing nor an exception reveals how much of a key was right; the identity names
/// the key only by a fingerprint, so no key ever reaches a log or a trace.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorAuthenticationOptions operators)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private readonly byte[][] _digests = [.. operators.ApiKeys.Select(Digest)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(operators.ApiKeyHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.Fail($"send exactly one {operators.ApiKeyHeader} header"));
        }

        var presented = Digest(values[0]!);
        var matched = -1;
        for (var i = 0; i < _digests.Length; i++)
        {
            // Every key is compared, so the time taken does not say which one (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(presented, _digests[i]))
            {
                matched = i;
            }
        }

        if (matched < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail($"the {operators.ApiKeyHeader} is not a valid operator API key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, string.Create(CultureInfo.InvariantCulture, $"api-key:{Convert.ToHexStringLower(_digests[matched])[..8]}"))],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        await OperatorChallenge.WriteAsync(Context, failure?.Message
            ?? $"operator APIs need an API key in the {operators.ApiKeyHeader} header{(string.IsNullOrWhiteSpace(operators.Jwt.Authority) ? "" : " or a bearer token")}");
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
