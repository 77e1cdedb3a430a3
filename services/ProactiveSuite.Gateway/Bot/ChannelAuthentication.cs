using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>
/// The SDK's own channel authentication (<see cref="Microsoft.Bot.Builder.Integration.AspNet.Core.ConfigurationBotFrameworkAuthentication"/>),
/// unchanged in what it accepts, with one difference in how it refuses: the SDK lets some token
/// failures escape as exceptions the adapter does not expect (a bad signature, a malformed token),
/// which would answer 500 and make the channel retry. Here every refusal becomes the
/// <see cref="UnauthorizedAccessException"/> the adapter answers 401 for, and its reason is kept for
/// the response (<see cref="RefusalOf"/>).
/// </summary>
internal sealed class ChannelAuthentication(BotFrameworkAuthentication sdk, IHttpContextAccessor http) : BotFrameworkAuthentication
{
    private static readonly object RefusalKey = new();

    /// <summary>Why this request's token was refused, when it was: a reason code for the metric and the reason for the caller.</summary>
    public static (string Code, string Reason)? RefusalOf(HttpContext context) => context.Items[RefusalKey] as (string, string)?;

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        if (!IsReadable(authHeader))
        {
            throw Refuse(("MalformedToken", "the Authorization header does not hold a well-formed JWT"), null);
        }

        try
        {
            return await sdk.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception e) when (Reason(e, authHeader) is { } reason)
        {
            throw Refuse(reason, e);
        }
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        sdk.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => sdk.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        sdk.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => sdk.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => sdk.GetOriginatingAudience();

    private UnauthorizedAccessException Refuse((string Code, string Reason) refusal, Exception? failure)
    {
        if (http.HttpContext is { } context)
        {
            context.Items[RefusalKey] = refusal;
        }

        return new UnauthorizedAccessException(refusal.Reason, failure);
    }

    /// <summary>
    /// The SDK parses a "Bearer x" header's token before it validates anything, and an unreadable one
    /// (a claim of the wrong type, bad base64) throws from there; parsed here the same way first, it is
    /// a refusal instead.
    /// </summary>
    private static bool IsReadable(string? authHeader)
    {
        var parts = authHeader?.Split(' ');
        if (parts is not { Length: 2 } || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return true; // not a bearer token at all: the SDK refuses it as such
        }

        try
        {
            _ = new JwtSecurityToken(parts[1]);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The reason for a refusal, or null for a failure that is not the caller's (e.g. the OpenID
    /// metadata could not be fetched), which stays a server error so that the channel retries.
    /// </summary>
    private static (string Code, string Reason)? Reason(Exception failure, string? authHeader) => failure switch
    {
        UnauthorizedAccessException when string.IsNullOrWhiteSpace(authHeader) =>
            ("MissingToken", "the Authorization header is missing: /api/messages needs a Bot Framework token"),
        UnauthorizedAccessException { Message: "No valid identity" } =>
            ("NotABotFrameworkToken", "the Authorization header is not a Bearer token from the Bot Framework's token issuer"),
        // The SDK turns an expired token into this refusal too: kept apart, since a skewed clock shows there first.
        UnauthorizedAccessException refused when refused.InnerException is SecurityTokenExpiredException || refused.Message.Contains("expired", StringComparison.OrdinalIgnoreCase) =>
            ("TokenExpired", $"the Bot Framework token was refused: {refused.Message}"),
        UnauthorizedAccessException refused => ("TokenRefused", $"the Bot Framework token was refused: {refused.Message}"),
        SecurityTokenExpiredException => ("TokenExpired", "the Bot Framework token has expired"),
        SecurityTokenNotYetValidException => ("TokenNotYetValid", "the Bot Framework token is not valid yet"),
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            ("BadSignature", "the Bot Framework token's signature does not match a signing key of the Bot Framework's OpenID metadata"),
        SecurityTokenException refused => ("TokenRefused", $"the Bot Framework token was refused: {refused.GetType().Name}"),
        SecurityTokenArgumentException => ("MalformedToken", "the Authorization header does not hold a well-formed JWT"),
        _ => null,
    };
}
