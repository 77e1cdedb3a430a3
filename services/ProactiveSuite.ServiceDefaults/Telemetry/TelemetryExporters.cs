using Microsoft.Extensions.Configuration;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// Where telemetry goes, read from the standard OpenTelemetry environment variables (or any configuration
/// source with the same keys):
/// <list type="bullet">
/// <item>OTLP, for traces, metrics and logs alike, when an endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or a signal's own <c>OTEL_EXPORTER_OTLP_{TRACES|METRICS|LOGS}_ENDPOINT</c>)
/// or a signal's exporter is <c>otlp</c>; the OTLP exporter reads the other <c>OTEL_EXPORTER_OTLP_*</c> settings itself;</item>
/// <item>the console, for a signal whose <c>OTEL_{TRACES|METRICS|LOGS}_EXPORTER</c> list names <c>console</c>.</item>
/// </list>
/// With none of these, nothing is exported; spans are still made, so logs carry trace ids and a trace still
/// travels from service to service.
/// </summary>
public sealed record TelemetryExporters(bool Otlp, bool ConsoleTraces, bool ConsoleMetrics, bool ConsoleLogs)
{
    private static readonly string[] OtlpEndpoints =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static TelemetryExporters From(IConfiguration configuration)
    {
        var traces = ExporterList(configuration, "OTEL_TRACES_EXPORTER");
        var metrics = ExporterList(configuration, "OTEL_METRICS_EXPORTER");
        var logs = ExporterList(configuration, "OTEL_LOGS_EXPORTER");
        var otlp = OtlpEndpoints.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || traces.Contains("otlp") || metrics.Contains("otlp") || logs.Contains("otlp");
        return new TelemetryExporters(otlp, traces.Contains("console"), metrics.Contains("console"), logs.Contains("console"));
    }

    private static HashSet<string> ExporterList(IConfiguration configuration, string key) =>
        new((configuration[key] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
