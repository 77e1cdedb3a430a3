using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Registers the emulated channel in a host.</summary>
public static class ChannelEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the transcript, the options and the HTTP client that posts to the bot. Options can also come from
    /// configuration: <c>services.Configure&lt;ChannelEmulatorOptions&gt;(configuration.GetSection(ChannelEmulatorOptions.SectionName))</c>.
    /// Map the routes with <see cref="ChannelEmulatorEndpointRouteBuilderExtensions.MapChannelEmulator"/>.
    /// </summary>
    public static IServiceCollection AddChannelEmulator(this IServiceCollection services, Action<ChannelEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<ChannelEmulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The options object itself is a singleton so that GatewayUrl can be changed on the running emulator.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ChannelEmulatorOptions>>().Value);
        services.TryAddSingleton<ChannelTranscript>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotGateway.ClientName);
        return services;
    }
}
