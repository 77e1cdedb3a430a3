using System.Globalization;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>The configuration a test gives a service process, as environment variables.</summary>
public static class ServiceEnvironment
{
    /// <summary>The operator API key every service of a test system accepts.</summary>
    public const string OperatorApiKey = "e2e-operator-key-0123456789";

    public static Dictionary<string, string> For(Uri url, string dataDirectory, string storeFolder, Uri? rabbitMqUri) => new()
    {
        ["ASPNETCORE_URLS"] = url.ToString(),
        ["Bus__Transport"] = rabbitMqUri is null ? "InMemory" : "RabbitMq",
        ["Bus__RabbitMqUri"] = rabbitMqUri?.ToString() ?? "",
        ["Store__Provider"] = "Embedded",
        ["Store__EmbeddedDirectory"] = Path.Combine(dataDirectory, storeFolder),
        ["OperatorAuthentication__ApiKeys__0"] = OperatorApiKey,
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
    };

    /// <summary>
    /// A local run with the channel emulator: it posts without a Bot Framework token, and its serviceUrl
    /// is plain http on loopback, the one such origin the services may call.
    /// </summary>
    public static Dictionary<string, string> WithChannelEmulator(this Dictionary<string, string> environment, Uri channelEmulator)
    {
        environment["Bot__AllowUnauthenticatedLocalUse"] = "true";
        environment["ServiceUrls__LocalOrigins__0"] = channelEmulator.ToString();
        return environment;
    }

    public static Uri LoopbackUrl(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
