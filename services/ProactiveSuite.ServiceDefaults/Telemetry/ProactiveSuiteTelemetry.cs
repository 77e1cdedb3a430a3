using System.Diagnostics;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// The names ProactiveSuite's own telemetry goes by: one activity source and one meter, shared by every
/// service, so that one <c>AddSource</c>/<c>AddMeter</c> collects all of it (the service tells them apart
/// by its <c>service.name</c> resource attribute).
/// </summary>
public static class ProactiveSuiteTelemetry
{
    /// <summary>The name of the activity source and of the meter (<see cref="System.Diagnostics.Metrics.IMeterFactory"/>).</summary>
    public const string Name = "ProactiveSuite";

    /// <summary>MassTransit's activity source and meter (its <c>DiagnosticHeaders.DefaultListenerName</c>).</summary>
    public const string MassTransit = "MassTransit";

    /// <summary>Spans of ProactiveSuite's own: the embedded store's operations, a continued publisher trace.</summary>
    public static readonly ActivitySource Source = new(Name);
}
