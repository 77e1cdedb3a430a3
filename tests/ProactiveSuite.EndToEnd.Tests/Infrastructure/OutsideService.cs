using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Privacy;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An enterprise service outside ProactiveSuite: its own MassTransit bus on the same broker, which
/// publishes commands and listens to the outcome events, as a real publisher would.
/// </summary>
public sealed class OutsideService : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private OutsideService(IBusControl bus) => _bus = bus;

    public ObservedMessages<NotificationDelivered> Delivered { get; } = new();

    public ObservedMessages<NotificationFailed> Failed { get; } = new();

    public ObservedMessages<UserDataErased> Erased { get; } = new();

    public ObservedMessages<NotificationCompleted> Completed { get; } = new();

    public ObservedMessages<NotificationRead> Read { get; } = new();

    public IBus Bus => _bus;

    public static async Task<OutsideService> StartAsync(Uri rabbitMqUri, CancellationToken cancellationToken)
    {
        OutsideService? service = null;
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbitMqUri);
            cfg.ReceiveEndpoint("e2e-outside-service-" + Guid.NewGuid().ToString("N"), endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<NotificationDelivered>(context =>
                {
                    service!.Delivered.Add(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<NotificationFailed>(context =>
                {
                    service!.Failed.Add(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<NotificationCompleted>(context =>
                {
                    service!.Completed.Add(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<NotificationRead>(context =>
                {
                    service!.Read.Add(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<UserDataErased>(context =>
                {
                    service!.Erased.Add(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        service = new OutsideService(bus);
        await bus.StartAsync(cancellationToken);
        return service;
    }

    public ValueTask DisposeAsync() => new(_bus.StopAsync());
}
