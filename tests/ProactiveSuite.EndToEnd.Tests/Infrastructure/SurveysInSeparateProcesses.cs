using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The survey stories in separate processes: Gateway, Registry and Dispatcher of <typeparamref name="TSystem"/>
/// (the compose shape on MongoDB, or a store file each), reached through one <see cref="FrontDoor"/>, with
/// StartSurvey published and the survey events observed on the broker by an outside survey service.
/// </summary>
public sealed class SurveysInSeparateProcesses<TSystem> : IAsyncLifetime, ISurveyStage
    where TSystem : RabbitMqSystem, new()
{
    private OutsideSurveyService? _outside;

    public TSystem System { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public ObservedSurveyEvents? Events => _outside?.Events;

    public async ValueTask InitializeAsync()
    {
        await System.InitializeAsync();
        Http = FrontDoor.For(System);
        _outside = await OutsideSurveyService.StartAsync(System.Broker.AmqpUri, TestContext.Current.CancellationToken);
    }

    public Task StartSurveyAsync(StartSurvey command, CancellationToken cancellationToken) => _outside!.Bus.Publish(command, cancellationToken);

    // Enough lines that a Dispatcher's log line a story waits for is still there behind the HTTP request logs.
    public string Logs() => System.Logs(300);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_outside is not null)
        {
            await _outside.DisposeAsync();
        }

        await System.DisposeAsync();
    }
}
