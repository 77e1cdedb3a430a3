using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Cancellation;
using ProactiveSuite.Dispatcher.Connector;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Ledger.Stores;
using ProactiveSuite.Dispatcher.Pacing;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.Progress.Stores;
using ProactiveSuite.Dispatcher.Scheduling;
using ProactiveSuite.Dispatcher.Scheduling.Stores;
using ProactiveSuite.Dispatcher.Surveys;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Dispatcher.Reporting;

/// <summary>
/// The Dispatcher's delivery consumer on MassTransit's in-memory test harness, over the embedded store,
/// posting to a connector that only records: a place to cut a delivery where a crash would and redeliver it.
/// </summary>
public sealed class DeliveriesInProcess : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _directory;

    private DeliveriesInProcess(ServiceProvider provider, RecordingConnector connector, string directory)
    {
        _provider = provider;
        Connector = connector;
        _directory = directory;
    }

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public RecordingConnector Connector { get; }

    public INotificationProgressStore Progress => _provider.GetRequiredService<INotificationProgressStore>();

    public static async Task<DeliveriesInProcess> StartAsync()
    {
        var connector = new RecordingConnector();
        var directory = Path.Combine(Path.GetTempPath(), "psuite-reporting-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Embedded",
            ["Store:EmbeddedDirectory"] = directory,
        });
        builder.AddStore<IDeliveryLedger, DeliveryLedger>(StoreOwner.Dispatcher);
        builder.AddStore<IDeliverySchedule, DeliverySchedule>(StoreOwner.Dispatcher);
        builder.AddStore<INotificationProgressStore, NotificationProgressStore>(StoreOwner.Dispatcher);
        var services = builder.Services;
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.Configure<DeliveryOptions>(_ => { });
        services.Configure<RateLimitOptions>(o => o.Enabled = false);
        services.Configure<ChannelEndpointOptions>(_ => { });
        services.AddSingleton<IChannelConnector>(connector);
        services.AddSingleton<DeliveryPacer>();
        services.AddSingleton<CancellationWatch>();
        services.AddSingleton<DeliveryTelemetry>();
        services.AddScoped<ReferenceDirectory>();
        services.AddScoped<NotificationDelivery>();
        services.AddScoped<DeliveryReporting>();
        services.AddScoped<SurveyOpeningReporting>();
        services.AddScoped<NotificationCompletion>();
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConsumer<DeliverToRecipientConsumer, DeliverToRecipientConsumerDefinition>();
            bus.AddRequestClient<FindConversationReference>();
            bus.AddRequestClient<WithdrawSurvey>();
            bus.AddRequestClient<FindConversationReferences>();
            bus.AddRequestClient<ListConversationReferences>();
        });
        // The harness's waits end early when the bus is idle for its inactivity timeout (1.2 s by default): too
        // short for a consumer on a loaded 2-core machine; a wait still ends as soon as the message is consumed.
        services.Configure<TestHarnessOptions>(o => (o.TestTimeout, o.TestInactivityTimeout) = (TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)));
        var provider = services.BuildServiceProvider();
        var system = new DeliveriesInProcess(provider, connector, directory);
        await system.Harness.Start();
        return system;
    }

    /// <summary>What the fan-out sends for one recipient whose reference it already found.</summary>
    public static DeliverToRecipient DeliveryTo(string notificationId, string userId) => new(
        notificationId,
        new Recipient("emulator", userId),
        "Hello",
        null,
        false,
        new ReferenceLookup(
            new ConversationAddress("emulator", "http://connector.invalid/", new ConversationInfo("conv-" + userId, "personal", null, false),
                new ParticipantInfo(userId, null, null), new ParticipantInfo("bot", "Bot", null), null),
            null,
            null),
        null,
        DateTimeOffset.UtcNow);

    /// <summary>The delivery as the consumer does it, up to the ledger's record and no further: the process "dies" there.</summary>
    public async Task DeliverWithoutReportingAsync(DeliverToRecipient delivery)
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().DeliverAsync(delivery, default);
    }

    /// <summary>The broker hands the message to a consumer (again); returns once it was consumed.</summary>
    public async Task DeliverAsync(DeliverToRecipient delivery)
    {
        await Harness.Bus.Publish(delivery);
        Assert.True(
            await Harness.Consumed.Any<DeliverToRecipient>(c => c.Context.Message.NotificationId == delivery.NotificationId && c.Context.Message.Recipient.UserId == delivery.Recipient.UserId),
            $"{delivery.Recipient.UserId}'s delivery was not consumed");
    }

    public IReadOnlyList<NotificationCompleted> Completed(string notificationId) =>
        Harness.Published.Select<NotificationCompleted>().Select(m => m.Context.Message).Where(m => m.NotificationId == notificationId).ToList();

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A channel that accepts everything and remembers what it was given.</summary>
    public sealed class RecordingConnector : IChannelConnector
    {
        private int _sends;

        public int Sends => _sends;

        public Task<string?> SendAsync(ConversationAddress address, OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<string?>("act-" + Interlocked.Increment(ref _sends));

        public Task<CreatedConversation> CreateConversationAsync(ChannelEndpoint endpoint, Recipient recipient, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These deliveries carry their reference.");

        public Task DeleteAsync(ConversationAddress address, string activityId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests recall nothing.");

        public Task UpdateAsync(ConversationAddress address, string activityId, OutboundMessage message, CancellationToken cancellationToken) =>
            throw new NotSupportedException("These tests edit nothing.");
    }
}
