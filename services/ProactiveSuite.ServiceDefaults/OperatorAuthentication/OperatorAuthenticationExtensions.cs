using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ProactiveSuite.ServiceDefaults.OperatorAuthentication;

public static class OperatorAuthenticationExtensions
{
    /// <summary>The authorization policy of operator APIs: an API key or a bearer token.</summary>
    public const string Policy = "Operator";

    private const string SelectorScheme = "Operator";

    /// <summary>
    /// Makes operator authentication the fallback policy of the process: every endpoint needs an
    /// operator's API key or bearer token unless it says otherwise (<c>AllowAnonymous</c>: health, the
    /// bot's messaging endpoint with its own token check, the channel emulator). New endpoints are
    /// therefore protected without anyone remembering to protect them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A configured API key is too short, or a JWT authority has no audience.</exception>
    public static IHostApplicationBuilder AddOperatorAuthentication(this IHostApplicationBuilder builder)
    {
        var options = new OperatorAuthenticationOptions();
        builder.Configuration.GetSection(OperatorAuthenticationOptions.Section).Bind(options);
        // An unset variable in a compose file or a manifest binds as an empty entry: that is no key, not a short one.
        options.ApiKeys.RemoveAll(string.IsNullOrWhiteSpace);
        Validate(options);
        builder.Services.AddSingleton(options);

        var bearer = !string.IsNullOrWhiteSpace(options.Jwt.Authority);
        var authentication = builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bearer token", scheme => scheme.ForwardDefaultSelector = context =>
                bearer && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (bearer)
        {
            authentication.AddJwtBearer(jwt =>
            {
                jwt.Authority = options.Jwt.Authority;
                jwt.Audience = options.Jwt.Audience;
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return OperatorChallenge.WriteAsync(context.HttpContext, context.AuthenticateFailure is null
                            ? "operator APIs need a bearer token or an API key"
                            : "the bearer token was refused (issuer, audience, lifetime or signature)");
                    },
                };
            });
        }

        var policy = new AuthorizationPolicyBuilder(SelectorScheme).RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy)
            .SetFallbackPolicy(policy);
        builder.Services.AddHostedService<OperatorCredentialsCheck>();
        return builder;
    }

    private static void Validate(OperatorAuthenticationOptions options)
    {
        if (options.ApiKeys.Any(k => k.Trim().Length < OperatorAuthenticationOptions.MinApiKeyLength))
        {
            throw new InvalidOperationException(
                $"{OperatorAuthenticationOptions.Section}:{nameof(options.ApiKeys)} holds a key shorter than {OperatorAuthenticationOptions.MinApiKeyLength} characters: generate a longer one.");
        }

        if (!string.IsNullOrWhiteSpace(options.Jwt.Authority) && string.IsNullOrWhiteSpace(options.Jwt.Audience))
        {
            throw new InvalidOperationException(
                $"{OperatorAuthenticationOptions.Section}:Jwt:Authority is set without Jwt:Audience: tokens issued for any other API would be accepted.");
        }
    }
}
