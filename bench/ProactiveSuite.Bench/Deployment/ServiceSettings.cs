using System.Globalization;

namespace ProactiveSuite.Bench.Deployment;

/// <summary>
/// The configuration the benchmark gives a service process, as environment variables. Settings a service does not
/// know are ignored by it, so the operator API key and the local-use settings of the security work are passed
/// already: harmless before it, required after it.
/// </summary>
public static class ServiceSettings
{
    /// <summary>Operator requests may carry large audiences: 100,000 listed recipients are about 7 MB of JSON.</summary>
    public const int MaxRequestBodyBytes = 32 * 1024 * 1024;

    public static Dictionary<string, string> For(Uri url, string storePath, Uri? rabbitMq, Uri channelEmulator, BenchOptions options) => new()
    {
        ["ASPNETCORE_URLS"] = url.ToString(),
        // Measured as deployed: no Development extras (scope validation, developer pages).
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Bus__Transport"] = rabbitMq is null ? "InMemory" : "RabbitMq",
        ["Bus__RabbitMqUri"] = rabbitMq?.ToString() ?? "",
        ["Store__Provider"] = "Embedded",
        ["Store__EmbeddedDirectory"] = storePath,
        ["OperatorAuthentication__ApiKeys__0"] = options.ApiKey,
        // The emulator posts without a Bot Framework token and its serviceUrl is plain http on loopback.
        ["Bot__AllowUnauthenticatedLocalUse"] = "true",
        ["ServiceUrls__LocalOrigins__0"] = channelEmulator.ToString(),
        ["Limits__MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture),
        // A line per delivery at Information is what a high-volume deployment turns off; warnings and errors stay.
        ["Logging__LogLevel__Default"] = options.ServiceLogLevel,
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>A Dispatcher (or the host's) pointed at the benchmark's emulator, with the measured concurrency.</summary>
    public static Dictionary<string, string> WithDispatcher(this Dictionary<string, string> environment, Uri channelEmulator, int concurrency, bool pacing)
    {
        environment["Dispatcher__Channels__emulator__ServiceUrl"] = channelEmulator.ToString();
        environment["Dispatcher__Channels__emulator__BotId"] = "bot-proactive";
        environment["Dispatcher__Channels__emulator__BotName"] = "ProactiveBot";
        environment["Dispatcher__Delivery__ConcurrentDeliveries"] = concurrency.ToString(CultureInfo.InvariantCulture);
        environment["Dispatcher__RateLimits__Enabled"] = pacing ? "true" : "false";
        return environment;
    }

    /// <summary>Pacing to one per-tenant window of <paramref name="perSecond"/> sends a second (Teams' per-conversation windows stay).</summary>
    public static Dictionary<string, string> WithTenantLimit(this Dictionary<string, string> environment, int perSecond)
    {
        environment["Dispatcher__RateLimits__PerTenant__0__Seconds"] = "1";
        environment["Dispatcher__RateLimits__PerTenant__0__Limit"] = perSecond.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    public static Uri LoopbackUrl(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
