using System.CommandLine;

namespace ProactiveSuite.Cli.Connection;

/// <summary>Where the services are and the key to call them with: options of every command.</summary>
public static class ConnectionOptions
{
    public const string DefaultUrl = "http://localhost:5080";

    public static readonly Option<Uri> Url = new("--url")
    {
        Description = "The Dispatcher's operator API (the embedded default host serves all of them). Env: PROACTIVE_URL.",
        Recursive = true,
        CustomParser = result => ParseUrl(result.Tokens.Count > 0 ? result.Tokens[0].Value : null, "--url", result),
        DefaultValueFactory = result => ParseUrl(Environment.GetEnvironmentVariable("PROACTIVE_URL") ?? DefaultUrl, "PROACTIVE_URL", result),
    };

    public static readonly Option<Uri?> RegistryUrl = new("--registry-url")
    {
        Description = "The Registry's API, when it runs apart from the Dispatcher (default: --url). Env: PROACTIVE_REGISTRY_URL.",
        Recursive = true,
        CustomParser = result => ParseUrl(result.Tokens.Count > 0 ? result.Tokens[0].Value : null, "--registry-url", result),
        DefaultValueFactory = result => Environment.GetEnvironmentVariable("PROACTIVE_REGISTRY_URL") is { Length: > 0 } url ? ParseUrl(url, "PROACTIVE_REGISTRY_URL", result) : null,
    };

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "The operator API key, sent as X-Api-Key. Env: PROACTIVE_API_KEY.",
        // Read from the environment in Connect, not as a default value: help would print a default.
        Recursive = true,
    };

    public static OperatorApi Connect(ParseResult parseResult)
    {
        var url = parseResult.GetRequiredValue(Url);
        return new OperatorApi(url, parseResult.GetValue(RegistryUrl) ?? url, parseResult.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("PROACTIVE_API_KEY"));
    }

    private static Uri ParseUrl(string? value, string source, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError($"{source} must be an http:// or https:// address, not '{value}'.");
        return new Uri(DefaultUrl);
    }
}
