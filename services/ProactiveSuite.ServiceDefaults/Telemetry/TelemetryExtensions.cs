using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MongoDB.Driver;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces, metrics and logs for a ProactiveSuite process: ASP.NET Core, outgoing HTTP (the
    /// connector), MassTransit, MongoDB and ProactiveSuite's own spans and meter, exported as
    /// <see cref="TelemetryExporters"/> says (the standard <c>OTEL_*</c> variables). The service is named by
    /// <c>OTEL_SERVICE_NAME</c>, else by its application name (e.g. <c>ProactiveSuite.Dispatcher</c>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceTelemetry(this IHostApplicationBuilder builder)
    {
        var exporters = TelemetryExporters.From(builder.Configuration);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : builder.Environment.ApplicationName;

        AddTraceIdsToLogs(builder);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: Assembly.GetEntryAssembly()?.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(ProactiveSuiteTelemetry.Name, ProactiveSuiteTelemetry.MassTransit, MongoTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(http => http.Filter = IsNotHealthCheck)
                    .AddHttpClientInstrumentation(http => http.EnrichWithHttpResponseMessage = RecordRetryAfter);
                if (string.IsNullOrEmpty(builder.Configuration["OTEL_TRACES_SAMPLER"]))
                {
                    tracing.SetSampler(RecordEveryStory);
                }

                if (exporters.ConsoleTraces)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ProactiveSuiteTelemetry.Name, ProactiveSuiteTelemetry.MassTransit, "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (exporters.ConsoleMetrics)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithLogging(
                logging =>
                {
                    if (exporters.ConsoleLogs)
                    {
                        logging.AddConsoleExporter();
                    }
                },
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        if (exporters.Otlp)
        {
            telemetry.UseOtlpExporter();
        }

        // A publisher outside MassTransit sends W3C traceparent, which MassTransit does not read.
        builder.AddBusConsumers(bus => bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseFilter(new TraceParentContinuationFilter())));
        return builder;
    }

    /// <summary>
    /// Every story is recorded, including one that reaches us with a caller's "not sampled" flag (a channel's
    /// or a publisher's own choice, made for its own volume, not ours); OpenTelemetry's default would drop
    /// those silently. <c>OTEL_TRACES_SAMPLER</c> replaces this when set.
    /// </summary>
    private static Sampler RecordEveryStory { get; } = new ParentBasedSampler(
        new AlwaysOnSampler(),
        remoteParentSampled: new AlwaysOnSampler(),
        remoteParentNotSampled: new AlwaysOnSampler());

    /// <summary>
    /// Every log line carries the trace and span it was written in: as scopes for the console (shown by the
    /// simple console unless configured otherwise, and fields of the JSON console), and as the log record's
    /// own trace and span ids in OTLP.
    /// </summary>
    private static void AddTraceIdsToLogs(IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Configuration["Logging:Console:FormatterName"] is null && builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            // Without a formatter name the console copies its own (obsolete) IncludeScopes, false, over the formatter's.
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Simple);
            builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.IncludeScopes = true);
        }
    }

    // Orchestrators and tests poll /health; a span per poll would bury the traces that matter.
    private static bool IsNotHealthCheck(HttpContext http) => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>A throttled call (429, or 503 with a wait) shows how long the channel asked us to wait.</summary>
    private static void RecordRetryAfter(System.Diagnostics.Activity activity, HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            activity.SetTag("http.response.header.retry-after", new[] { retryAfter.ToString() });
        }
    }
}
