using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint on a loopback port that keeps what the services export: point a service's
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> at <see cref="Endpoint"/> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>)
/// and read its spans, log records and metric points here. It answers as a collector does: 200 with an empty
/// export response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ExportedSpan> _spans = [];
    private readonly List<ExportedLogRecord> _logs = [];
    private readonly List<ExportedMetricPoint> _metrics = [];
    private readonly List<string> _unreadable = [];
    private readonly Lock _gate = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", (HttpContext http) => receiver.ReceiveAsync(http, body => receiver.Keep(receiver._spans, OtlpWire.Spans(body))));
        app.MapPost("/v1/logs", (HttpContext http) => receiver.ReceiveAsync(http, body => receiver.Keep(receiver._logs, OtlpWire.Logs(body))));
        app.MapPost("/v1/metrics", (HttpContext http) => receiver.ReceiveAsync(http, body => receiver.Keep(receiver._metrics, OtlpWire.MetricPoints(body))));
        try
        {
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            receiver.Endpoint = new Uri(address);
            return receiver;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The standard variables that send a service's traces, metrics and logs here, promptly enough for a test.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment() => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["Telemetry__GaugeIntervalSeconds"] = "1",
    };

    public IReadOnlyList<ExportedSpan> Spans()
    {
        lock (_gate)
        {
            return [.. _spans];
        }
    }

    public IReadOnlyList<ExportedSpan> Trace(string traceId) => [.. Spans().Where(s => s.TraceId == traceId)];

    public IReadOnlyList<ExportedLogRecord> Logs()
    {
        lock (_gate)
        {
            return [.. _logs];
        }
    }

    public IReadOnlyList<ExportedMetricPoint> MetricPoints()
    {
        lock (_gate)
        {
            return [.. _metrics];
        }
    }

    /// <summary>What was received, for a failure message.</summary>
    public string Summary(string? traceId = null)
    {
        var spans = traceId is null ? Spans() : Trace(traceId);
        string unreadable;
        lock (_gate)
        {
            unreadable = string.Join(Environment.NewLine, _unreadable.Select(u => "  unreadable export " + u));
        }

        return unreadable + Environment.NewLine + $"{spans.Count} span(s){(traceId is null ? "" : $" in trace {traceId}")}:{Environment.NewLine}" +
               string.Join(Environment.NewLine, spans.TakeLast(60).Select(s => $"  {s.TraceId} {s}"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext http, Action<byte[]> keep)
    {
        using var body = new MemoryStream();
        if (string.Equals(http.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(http.Request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(body, http.RequestAborted);
        }
        else
        {
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        }

        try
        {
            keep(body.ToArray());
        }
        catch (InvalidProtocolBufferException e)
        {
            lock (_gate)
            {
                _unreadable.Add($"{http.Request.Path}: {e.Message}");
            }

            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: all accepted
    }

    private void Keep<T>(List<T> store, IEnumerable<T> received)
    {
        var items = received.ToList();
        lock (_gate)
        {
            store.AddRange(items);
        }
    }
}
