using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the survey stories are played: the single-process host, with its channel emulator inside, on one
/// transport or the other. The Gateway and the Dispatcher share conversation state through one store, so
/// they run in one process here (see docs/architecture.md: separate processes share it through MongoDB).
/// </summary>
public interface ISurveyStage
{
    /// <summary>The host: its emulator (<c>/emulator/...</c>), <c>/surveys</c> and <c>/references</c>.</summary>
    HttpClient Http { get; }

    /// <summary>The survey events as an outside service sees them, or null where the bus is in-memory.</summary>
    ObservedSurveyEvents? Events { get; }

    /// <summary>Starts a survey the way this stage's publishers do: on the bus, or with <c>POST /surveys</c>.</summary>
    Task StartSurveyAsync(StartSurvey command, CancellationToken cancellationToken);

    string Logs();
}
