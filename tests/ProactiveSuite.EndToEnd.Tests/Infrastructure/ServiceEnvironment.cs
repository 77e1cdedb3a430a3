using System.Globalization;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>The configuration a test gives a service process, as environment variables.</summary>
public static class ServiceEnvironment
{
    /// <param name="channelEmulator">The local channel emulator's origin: the one http serviceUrl the services may call.</param>
    public static Dictionary<string, string> For(Uri url, string dataDirectory, string storeFile, Uri? rabbitMqUri, Uri channelEmulator) => new()
    {
        // A local run: the emulator posts without a Bot Framework token, and its serviceUrl is plain http on loopback.
        ["Bot__AllowUnauthenticatedLocalUse"] = "true",
        ["ServiceUrls__LocalOrigins__0"] = channelEmulator.ToString(),
        ["ASPNETCORE_URLS"] = url.ToString(),
        ["Bus__Transport"] = rabbitMqUri is null ? "InMemory" : "RabbitMq",
        ["Bus__RabbitMqUri"] = rabbitMqUri?.ToString() ?? "",
        ["Store__Provider"] = "Embedded",
        ["Store__EmbeddedPath"] = Path.Combine(dataDirectory, storeFile),
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
    };

    public static Uri LoopbackUrl(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
