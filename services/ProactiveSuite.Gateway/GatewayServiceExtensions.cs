using ProactiveSuite.Conversations;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Gateway.Bot;
using ProactiveSuite.Gateway.Conversation;
using ProactiveSuite.Gateway.Messages;

namespace ProactiveSuite.Gateway;

public static class GatewayServiceExtensions
{
    /// <summary>The Gateway: the Bot Framework adapter with reference capture, the bot, and its conversation flows.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBotAdapter(builder.Configuration);
        builder.AddConversationState();
        builder.Services.AddSingleton<IConversationFlow, IntroductionFlow>();
        builder.Services.AddSingleton<ConversationTurns>();
        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapBotMessages();
}
