using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ProactiveSuite.ServiceDefaults.Security;

/// <summary>
/// Decides whether a serviceUrl may be called with the bot's credentials. The Bot Framework SDK
/// attaches the bot's token to whatever serviceUrl a conversation reference holds, so a forged
/// reference could otherwise hand that token to anyone. Exact https hosts only (port 443), plus
/// loopback origins for local runs; nothing matches by suffix or pattern.
/// </summary>
public sealed partial class ServiceUrlAllowlist
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _localOrigins = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="InvalidOperationException">An entry is a pattern, not an exact host, or a local origin is not loopback.</exception>
    public ServiceUrlAllowlist(ServiceUrlAllowlistOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var host in ServiceUrlAllowlistOptions.DefaultHosts.Concat(options.AllowedHosts))
        {
            var trimmed = host.Trim();
            if (!ExactHostName().IsMatch(trimmed))
            {
                throw new InvalidOperationException(
                    $"{ServiceUrlAllowlistOptions.Section}:{nameof(options.AllowedHosts)} entry '{host}' is not an exact host name. " +
                    "Wildcards, suffixes, schemes, ports and paths are not supported: list each connector host exactly.");
            }

            _hosts.Add(trimmed);
        }

        foreach (var origin in options.LocalOrigins)
        {
            if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !IsLoopback(uri)
                || uri.AbsolutePath != "/"
                || uri.Query.Length > 0
                || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException(
                    $"{ServiceUrlAllowlistOptions.Section}:{nameof(options.LocalOrigins)} entry '{origin}' is not a loopback origin " +
                    "such as http://localhost:5080: only a local channel emulator may be allowed outside the exact https hosts.");
            }

            _localOrigins.Add(OriginOf(uri));
        }
    }

    /// <summary>The hosts allowed over https, defaults included.</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    public bool Allows(string? serviceUrl) => Problem(serviceUrl) is null;

    /// <returns>Null when the bot may call <paramref name="serviceUrl"/>, else why not.</returns>
    public string? Problem(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "serviceUrl must be an absolute https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "serviceUrl must not carry user information";
        }

        if (_localOrigins.Contains(OriginOf(uri)))
        {
            return null;
        }

        return uri switch
        {
            _ when !_hosts.Contains(uri.IdnHost) => $"serviceUrl host '{uri.IdnHost}' is not on the allowlist of connector hosts ({ServiceUrlAllowlistOptions.Section}:{nameof(ServiceUrlAllowlistOptions.AllowedHosts)})",
            { Scheme: not "https" } => $"serviceUrl '{uri.GetLeftPart(UriPartial.Authority)}' is not https",
            { IsDefaultPort: false } => $"serviceUrl '{uri.GetLeftPart(UriPartial.Authority)}' is not on the default https port",
            _ => null,
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string OriginOf(Uri uri) =>
        string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}");

    /// <summary>Dot-separated DNS labels of letters, digits and inner hyphens: no '*', no leading dot, at least two labels.</summary>
    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex ExactHostName();
}
