using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the survey stories are played: the single-process host (its channel emulator inside) on one transport
/// or the other, or Gateway, Registry and Dispatcher as separate processes behind a <see cref="FrontDoor"/>
/// (<see cref="SurveysInSeparateProcesses{TSystem}"/>: the Gateway owns the conversations' state and answers the
/// Dispatcher's survey requests on the bus).
/// </summary>
public interface ISurveyStage
{
    /// <summary>The emulator (<c>/emulator/...</c>), <c>/surveys</c>, <c>/references</c> and <c>/users</c>, with the operator key.</summary>
    HttpClient Http { get; }

    /// <summary>The survey events as an outside service sees them, or null where the bus is in-memory.</summary>
    ObservedSurveyEvents? Events { get; }

    /// <summary>Starts a survey the way this stage's publishers do: on the bus, or with <c>POST /surveys</c>.</summary>
    Task StartSurveyAsync(StartSurvey command, CancellationToken cancellationToken);

    string Logs();
}
