namespace ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;

/// <summary>A span as a service exported it over OTLP. Ids are lower-case hex; <see cref="ParentSpanId"/> is empty for a root.</summary>
public sealed record ExportedSpan(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    SpanKind Kind,
    SpanStatus Status,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<ExportedSpanEvent> Events)
{
    public object? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public override string ToString() => $"{Service} | {Name} ({Kind}) span {SpanId} parent {(ParentSpanId.Length == 0 ? "-" : ParentSpanId)}";
}

public sealed record ExportedSpanEvent(string Name, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>OTLP's <c>Span.SpanKind</c>.</summary>
public enum SpanKind
{
    Unspecified,
    Internal,
    Server,
    Client,
    Producer,
    Consumer,
}

/// <summary>OTLP's <c>Status.StatusCode</c>.</summary>
public enum SpanStatus
{
    Unset,
    Ok,
    Error,
}
