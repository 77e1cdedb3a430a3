using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Registers the emulated channel in a host.</summary>
public static class ChannelEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the transcript, the options, the HTTP client that posts to the bot, and the conditions connector calls meet
    /// (<see cref="ChannelFaults"/>, <see cref="ChannelLimits"/>) with their <see cref="ChannelStatistics"/>; the limits
    /// and delays run on the registered <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless one is added first). Options can also come from
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
        services.TryAddSingleton(_ => new ChannelFaults());
        services.TryAddSingleton(sp => new ChannelLimits(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new ChannelStatistics());
        services.TryAddSingleton<ConversationTenants>();
        services.TryAddSingleton<GroupRegistry>();
        services.TryAddSingleton(sp => new ConversationMessageIds(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(BotGateway.ClientName);
        return services;
    }
}
