using ProactiveSuite.Gateway.Bot;
using ProactiveSuite.Gateway.Messages;

namespace ProactiveSuite.Gateway;

public static class GatewayServiceExtensions
{
    /// <summary>The Gateway: the Bot Framework adapter with reference capture, and the bot.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBotAdapter(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapBotMessages();
}
