namespace ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;

/// <summary>
/// One data point of a metric a service exported over OTLP: the value of a counter or gauge, or the count
/// of a histogram. Points are cumulative, so the latest export of a series holds its total.
/// </summary>
public sealed record ExportedMetricPoint(
    string Service,
    string Name,
    string Unit,
    IReadOnlyDictionary<string, object?> Attributes,
    double Value);
