namespace ProactiveSuite.ServiceDefaults.OperatorAuthentication;

/// <summary>
/// Who may call the operator APIs (look-ups, sending over HTTP, erasure), bound from the
/// <c>OperatorAuthentication</c> section: API keys, a JWT issuer, or both. With neither, every
/// operator API answers 401.
/// </summary>
public sealed class OperatorAuthenticationOptions
{
    public const string Section = "OperatorAuthentication";

    /// <summary>Shorter keys can be guessed; generate them, e.g. <c>openssl rand -base64 32</c>.</summary>
    public const int MinApiKeyLength = 16;

    /// <summary>The request header that carries an API key.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>The accepted API keys (from a secret store in production: environment, vault).</summary>
    public List<string> ApiKeys { get; } = [];

    /// <summary>Bearer tokens from an OpenID Connect issuer, when <see cref="OperatorJwtOptions.Authority"/> is set.</summary>
    public OperatorJwtOptions Jwt { get; } = new();
}

/// <summary>The issuer of operators' bearer tokens.</summary>
public sealed class OperatorJwtOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its metadata is read over https.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the tokens must be issued for, e.g. the API's app id URI.</summary>
    public string? Audience { get; set; }
}
