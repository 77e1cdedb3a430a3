using Microsoft.Extensions.Configuration.Memory;
using ProactiveSuite.ServiceDefaults.Http;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The standalone emulator: <c>dotnet run --project tools/ProactiveSuite.ChannelEmulator</c>.
/// An explicit class in our namespace rather than top-level statements: those generate a public global
/// <c>Program</c>, which would collide with the bot's own <c>Program</c> in tests and hosts that reference both.
/// </summary>
internal static class Program
{
    // http://localhost:5005 is the serviceUrl the Bot Framework Emulator advertises (shared/activities/emulator-message.json).
    private const string DefaultUrls = "http://localhost:5005";
    private static readonly Uri DefaultGatewayUrl = new("http://localhost:5081/api/messages");

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (!ListeningIsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        // The point of the console is one line per message crossing the channel; per-request framework lines drown them.
        // Inserted first, so appsettings, environment variables and the command line can still turn them back on.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });

        builder.Services.Configure<ChannelEmulatorOptions>(builder.Configuration.GetSection(ChannelEmulatorOptions.SectionName));
        builder.Services.AddChannelEmulator(options => options.GatewayUrl ??= DefaultGatewayUrl);

        var app = builder.Build();
        app.UseJsonRequestBodiesOnly();
        app.MapChannelEmulator();
        await app.RunAsync().ConfigureAwait(false);
    }

    /// <summary>--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS (set by the .NET container images) or Kestrel endpoints.</summary>
    private static bool ListeningIsConfigured(ConfigurationManager configuration) =>
        !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
