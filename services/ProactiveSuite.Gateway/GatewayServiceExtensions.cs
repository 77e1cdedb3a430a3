using ProactiveSuite.Conversations;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Gateway.Bot;
using ProactiveSuite.Gateway.Capture;
using ProactiveSuite.Gateway.Conversation;
using ProactiveSuite.Gateway.Messages;
using ProactiveSuite.Gateway.ReadReceipts;
using ProactiveSuite.Gateway.Security;
using ProactiveSuite.Gateway.Surveys;

namespace ProactiveSuite.Gateway;

public static class GatewayServiceExtensions
{
    /// <summary>
    /// The Gateway: the Bot Framework adapter with reference capture, the bot, read receipts, and its conversation flows,
    /// whose state it owns (surveys are pushed onto it at the Dispatcher's request).
    /// Does not start without an app id unless unauthenticated local use is explicitly allowed.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddInboundAuthenticationPolicy();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InboundRefusals>();
        builder.Services.AddBotAdapter(builder.Configuration);
        builder.AddConversationStateErasure();
        builder.Services.AddSingleton<IConversationFlow, IntroductionFlow>();
        builder.Services.AddSingleton<ConversationTurns>();
        builder.Services.AddSingleton<ReadReceiptForwarding>();
        builder.Services.Configure<CaptureOptions>(builder.Configuration.GetSection(CaptureOptions.Section));
        builder.Services.Configure<ConversationOutboxOptions>(builder.Configuration.GetSection(ConversationOutboxOptions.Section));
        builder.Services.AddSingleton<ConversationOutbox>();
        builder.Services.AddHostedService<ConversationOutboxRelay>();
        builder.AddSurveyPushes();
        return builder;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapBotMessages();
}
