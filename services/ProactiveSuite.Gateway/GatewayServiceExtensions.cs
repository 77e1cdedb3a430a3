using ProactiveSuite.Gateway.Bot;
using ProactiveSuite.Gateway.Messages;
using ProactiveSuite.Gateway.Security;

namespace ProactiveSuite.Gateway;

public static class GatewayServiceExtensions
{
    /// <summary>
    /// The Gateway: the Bot Framework adapter with reference capture, and the bot. Does not start
    /// without an app id unless unauthenticated local use is explicitly allowed.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddInboundAuthenticationPolicy();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBotAdapter(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapBotMessages();
}
