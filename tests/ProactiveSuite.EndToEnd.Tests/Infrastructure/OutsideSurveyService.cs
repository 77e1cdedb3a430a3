using MassTransit;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An enterprise service that runs surveys: its own MassTransit bus on the broker, publishing StartSurvey and
/// listening to the survey events, as a real publisher would.
/// </summary>
public sealed class OutsideSurveyService : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private OutsideSurveyService(IBusControl bus, ObservedSurveyEvents events)
    {
        _bus = bus;
        Events = events;
    }

    public ObservedSurveyEvents Events { get; }

    public IBus Bus => _bus;

    public static async Task<OutsideSurveyService> StartAsync(Uri rabbitMqUri, CancellationToken cancellationToken)
    {
        var events = new ObservedSurveyEvents();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbitMqUri);
            cfg.ReceiveEndpoint("e2e-survey-service-" + Guid.NewGuid().ToString("N"), endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                Observe(endpoint, events.Started);
                Observe(endpoint, events.Answered);
                Observe(endpoint, events.Completed);
                Observe(endpoint, events.Expired);
                Observe(endpoint, events.Failed);
            });
        });
        await bus.StartAsync(cancellationToken);
        return new OutsideSurveyService(bus, events);
    }

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private static void Observe<T>(IReceiveEndpointConfigurator endpoint, ObservedMessages<T> observed)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            observed.Add(context.Message);
            return Task.CompletedTask;
        });
}
