using Google.Protobuf;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;

/// <summary>
/// Reads OTLP/HTTP protobuf export requests (opentelemetry-proto v1) at the wire level: only the fields the
/// tests look at, by their field numbers, skipping everything else. No generated code is needed, and no
/// exporter library is trusted to read back what it wrote.
/// </summary>
public static class OtlpWire
{
    /// <summary>An <c>ExportTraceServiceRequest</c>.</summary>
    public static IEnumerable<ExportedSpan> Spans(byte[] body)
    {
        foreach (var resourceSpans in Repeated(body, 1))
        {
            var service = ServiceOf(resourceSpans);
            foreach (var scopeSpans in Repeated(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Repeated(scopeSpans, 2))
                {
                    yield return ReadSpan(service, scope, span);
                }
            }
        }
    }

    /// <summary>An <c>ExportLogsServiceRequest</c>.</summary>
    public static IEnumerable<ExportedLogRecord> Logs(byte[] body)
    {
        foreach (var resourceLogs in Repeated(body, 1))
        {
            var service = ServiceOf(resourceLogs);
            foreach (var scopeLogs in Repeated(resourceLogs, 2))
            {
                var category = ScopeName(scopeLogs);
                foreach (var record in Repeated(scopeLogs, 2))
                {
                    yield return ReadLogRecord(service, category, record);
                }
            }
        }
    }

    /// <summary>An <c>ExportMetricsServiceRequest</c>: the points of sums, gauges and histograms.</summary>
    public static IEnumerable<ExportedMetricPoint> MetricPoints(byte[] body)
    {
        foreach (var resourceMetrics in Repeated(body, 1))
        {
            var service = ServiceOf(resourceMetrics);
            foreach (var scopeMetrics in Repeated(resourceMetrics, 2))
            {
                foreach (var metric in Repeated(scopeMetrics, 2))
                {
                    foreach (var point in ReadMetric(service, metric))
                    {
                        yield return point;
                    }
                }
            }
        }
    }

    private static ExportedSpan ReadSpan(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = SpanKind.Unspecified;
        var status = SpanStatus.Unset;
        var attributes = new Dictionary<string, object?>();
        var events = new List<ExportedSpanEvent>();
        var input = new CodedInputStream(span);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4: parentSpanId = Hex(input.ReadBytes()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = (SpanKind)input.ReadEnum(); break;
                case 9: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                case 11: events.Add(ReadEvent(input.ReadBytes().ToByteArray())); break;
                case 15: status = ReadStatus(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ExportedSpan(service, scope, traceId, spanId, parentSpanId, name, kind, status, attributes, events);
    }

    private static ExportedSpanEvent ReadEvent(byte[] spanEvent)
    {
        var name = "";
        var attributes = new Dictionary<string, object?>();
        var input = new CodedInputStream(spanEvent);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: name = input.ReadString(); break;
                case 3: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ExportedSpanEvent(name, attributes);
    }

    private static SpanStatus ReadStatus(byte[] status)
    {
        var code = SpanStatus.Unset;
        var input = new CodedInputStream(status);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
            {
                code = (SpanStatus)input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return code;
    }

    private static ExportedLogRecord ReadLogRecord(string service, string category, byte[] record)
    {
        string traceId = "", spanId = "", body = "";
        var attributes = new Dictionary<string, object?>();
        var input = new CodedInputStream(record);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 5: body = ReadAnyValue(input.ReadBytes().ToByteArray())?.ToString() ?? ""; break;
                case 6: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                case 9: traceId = Hex(input.ReadBytes()); break;
                case 10: spanId = Hex(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ExportedLogRecord(service, category, traceId, spanId, body, attributes);
    }

    private static IEnumerable<ExportedMetricPoint> ReadMetric(string service, byte[] metric)
    {
        string name = "", unit = "";
        var points = new List<(Dictionary<string, object?> Attributes, double Value)>();
        var input = new CodedInputStream(metric);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 3: unit = input.ReadString(); break;
                case 5 or 7: // gauge, sum: NumberDataPoint
                    points.AddRange(Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadNumberPoint));
                    break;
                case 9: // histogram: HistogramDataPoint
                    points.AddRange(Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadHistogramPoint));
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return points.Select(p => new ExportedMetricPoint(service, name, unit, p.Attributes, p.Value));
    }

    private static (Dictionary<string, object?> Attributes, double Value) ReadNumberPoint(byte[] point)
    {
        var attributes = new Dictionary<string, object?>();
        double value = 0;
        var input = new CodedInputStream(point);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4: value = input.ReadDouble(); break;
                case 6: value = input.ReadSFixed64(); break;
                case 7: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return (attributes, value);
    }

    private static (Dictionary<string, object?> Attributes, double Value) ReadHistogramPoint(byte[] point)
    {
        var attributes = new Dictionary<string, object?>();
        double count = 0;
        var input = new CodedInputStream(point);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4: count = input.ReadFixed64(); break;
                case 9: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return (attributes, count);
    }

    /// <summary>The <c>service.name</c> of a Resource{Spans,Logs,Metrics}'s resource (field 1).</summary>
    private static string ServiceOf(byte[] resourceSignal)
    {
        var attributes = new Dictionary<string, object?>();
        foreach (var resource in Repeated(resourceSignal, 1))
        {
            foreach (var attribute in Repeated(resource, 1))
            {
                AddAttribute(attributes, attribute);
            }
        }

        return attributes.GetValueOrDefault("service.name") as string ?? "";
    }

    /// <summary>The instrumentation scope's name of a Scope{Spans,Logs}.</summary>
    private static string ScopeName(byte[] scopeSignal)
    {
        foreach (var scope in Repeated(scopeSignal, 1))
        {
            var input = new CodedInputStream(scope);
            for (uint tag; (tag = input.ReadTag()) != 0;)
            {
                if (WireFormat.GetTagFieldNumber(tag) == 1)
                {
                    return input.ReadString();
                }

                input.SkipLastField();
            }
        }

        return "";
    }

    /// <summary>A <c>KeyValue</c>.</summary>
    private static void AddAttribute(Dictionary<string, object?> attributes, byte[] keyValue)
    {
        var key = "";
        object? value = null;
        var input = new CodedInputStream(keyValue);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = ReadAnyValue(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        attributes[key] = value;
    }

    /// <summary>An <c>AnyValue</c>: string, bool, int, double, or an array of those (as a list).</summary>
    private static object? ReadAnyValue(byte[] anyValue)
    {
        object? value = null;
        var input = new CodedInputStream(anyValue);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: value = input.ReadString(); break;
                case 2: value = input.ReadBool(); break;
                case 3: value = input.ReadInt64(); break;
                case 4: value = input.ReadDouble(); break;
                case 5: value = Repeated(input.ReadBytes().ToByteArray(), 1).Select(ReadAnyValue).ToList(); break;
                default: input.SkipLastField(); break;
            }
        }

        return value;
    }

    /// <summary>The values of a repeated (or single) message field.</summary>
    private static List<byte[]> Repeated(byte[] message, int fieldNumber)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == fieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
