using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Broadcasts;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Editing;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Ledger.Stores;
using ProactiveSuite.Dispatcher.OperatorApi;
using ProactiveSuite.Dispatcher.Pacing;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.ReadReceipts;
using ProactiveSuite.Dispatcher.Recall;
using ProactiveSuite.Dispatcher.Progress.Stores;
using ProactiveSuite.Dispatcher.Scheduling;
using ProactiveSuite.Dispatcher.Scheduling.Stores;
using ProactiveSuite.Dispatcher.Surveys;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Storage;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Dispatcher;

public static class DispatcherServiceExtensions
{
    /// <summary>
    /// The Dispatcher: the channel connector, the delivery ledger and schedule, pacing, broadcasts,
    /// surveys, what happens after delivery (read receipts, recall, edit), and the command consumers.
    /// </summary>
    public static IHostApplicationBuilder AddDispatcher(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<ChannelEndpointOptions>(o => configuration.GetSection(ChannelEndpointOptions.Section).Bind(o.Channels));
        builder.Services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));
        builder.Services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));

        // The connector's HTTP client: our timeout, and no retries of its own (the ledger and schedule retry).
        builder.Services.AddHttpClient(Microsoft.Extensions.Options.Options.DefaultName, (sp, http) =>
            http.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value.ConnectorTimeout);
        builder.Services.AddSingleton<BotConnector>();
        // The allowlist check wraps the SDK call directly, so nothing (pacing, retries) can sit between them.
        builder.Services.AddSingleton<IChannelConnector>(sp => new AllowlistedChannelConnector(sp.GetRequiredService<BotConnector>(), sp.GetRequiredService<ServiceUrlAllowlist>()));

        builder.AddStore<IDeliveryLedger, DeliveryLedger>(StoreOwner.Dispatcher);
        builder.AddUserDataEraser<DeliveryLedgerEraser>();
        builder.AddStore<IDeliverySchedule, DeliverySchedule>(StoreOwner.Dispatcher);
        builder.AddUserDataEraser<ScheduledDeliveryEraser>();
        builder.AddStore<INotificationProgressStore, NotificationProgressStore>(StoreOwner.Dispatcher);
        builder.Services.AddSingleton<DeliveryPacer>();
        builder.Services.AddSingleton<CancellationWatch>();
        builder.Services.AddHostedService<DeliveryScheduler>();
        builder.Services.AddScoped<ReferenceDirectory>();
        builder.Services.AddScoped<NotificationDelivery>();
        builder.Services.AddScoped<DeliveryReporting>();
        builder.Services.AddScoped<NotificationCompletion>();
        builder.Services.AddScoped<BroadcastFanOut>();
        builder.Services.AddScoped<CopyFanOut>();
        builder.Services.AddScoped<CopyChanges>();
        builder.Services.AddScoped<ReadReceipts.ReadReceipts>();
        builder.Services.AddSingleton<CopyTelemetry>();
        if ((configuration.GetSection(MessageBusOptions.Section).Get<MessageBusOptions>() ?? new MessageBusOptions()).Transport == BusTransport.InMemory)
        {
            builder.AddStore<UnfinishedBroadcasts, UnfinishedBroadcasts>(StoreOwner.Dispatcher);
            builder.Services.AddHostedService<BroadcastRestart>();
        }

        builder.Services.AddSingleton<DeliveryTelemetry>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<SendNotificationConsumer, SendNotificationConsumerDefinition>();
            bus.AddConsumer<DeliverToRecipientConsumer, DeliverToRecipientConsumerDefinition>();
            bus.AddConsumer<SendBroadcastConsumer, SendBroadcastConsumerDefinition>();
            bus.AddConsumer<CancelNotificationConsumer, CancelNotificationConsumerDefinition>();
            bus.AddConsumer<RecallNotificationConsumer, RecallNotificationConsumerDefinition>();
            bus.AddConsumer<EditNotificationConsumer, EditNotificationConsumerDefinition>();
            bus.AddConsumer<ChangeDeliveredCopyConsumer, ChangeDeliveredCopyConsumerDefinition>();
            bus.AddConsumer<ReadReceiptReceivedConsumer, ReadReceiptReceivedConsumerDefinition>();
            bus.AddRequestClient<FindConversationReference>(RequestTimeout.After(s: 10));
            bus.AddRequestClient<FindConversationReferences>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<ListConversationReferences>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<FindGroupConversation>(RequestTimeout.After(s: 10));
            bus.AddRequestClient<ListGroupConversations>(RequestTimeout.After(s: 30));
        });
        builder.AddSurveys();
        return builder;
    }

    public static IEndpointRouteBuilder MapDispatcher(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapNotificationCommands().MapNotificationStatus().MapSurveys();
}
