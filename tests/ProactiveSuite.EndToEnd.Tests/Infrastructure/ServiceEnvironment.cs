using System.Globalization;
using ProactiveSuite.ChannelEmulator;

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

    /// <summary>The Dispatcher's channel <c>emulator</c>: where its connector is and the bot's id and name there.</summary>
    public static Dictionary<string, string> WithEmulatorChannel(this Dictionary<string, string> environment, ChannelEmulatorServer channel)
    {
        environment["Dispatcher__Channels__emulator__ServiceUrl"] = channel.BaseUrl.ToString();
        environment["Dispatcher__Channels__emulator__BotId"] = channel.Options.BotId;
        environment["Dispatcher__Channels__emulator__BotName"] = channel.Options.BotName;
        return environment;
    }

    /// <summary>Tests wait for retries and taken-over claims: the Dispatcher keeps those waits short.</summary>
    public static Dictionary<string, string> WithShortDeliveryWaits(this Dictionary<string, string> environment)
    {
        environment["Dispatcher__Delivery__BackoffBase"] = "00:00:00.200";
        environment["Dispatcher__Delivery__ClaimLease"] = "00:00:03";
        environment["Dispatcher__Delivery__ConnectorTimeout"] = "00:00:02";
        environment["Dispatcher__Delivery__MaxAttempts"] = "4";
        return environment;
    }

    public static Uri LoopbackUrl(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
