namespace ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;

/// <summary>A log record as a service exported it over OTLP; ids are lower-case hex, empty outside a span.</summary>
public sealed record ExportedLogRecord(
    string Service,
    string Category,
    string TraceId,
    string SpanId,
    string Body,
    IReadOnlyDictionary<string, object?> Attributes);
