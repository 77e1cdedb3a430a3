using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.OperatorApi;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Dispatcher;

public static class DispatcherServiceExtensions
{
    /// <summary>The Dispatcher: the channel connector, delivery, and the command consumers.</summary>
    public static IHostApplicationBuilder AddDispatcher(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient();
        builder.Services.Configure<ChannelEndpointOptions>(o => builder.Configuration.GetSection(ChannelEndpointOptions.Section).Bind(o.Channels));
        builder.Services.AddSingleton<BotConnector>();
        builder.Services.AddSingleton<IChannelConnector>(sp => new AllowlistedChannelConnector(sp.GetRequiredService<BotConnector>(), sp.GetRequiredService<ServiceUrlAllowlist>()));
        builder.Services.AddScoped<ReferenceDirectory>();
        builder.Services.AddScoped<NotificationDelivery>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<SendNotificationConsumer, SendNotificationConsumerDefinition>();
            bus.AddRequestClient<FindConversationReference>(RequestTimeout.After(s: 10));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapDispatcher(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapNotificationCommands();
}
