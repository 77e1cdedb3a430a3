using System.Diagnostics;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps one trace per story across work that leaves the process's flow and comes back later, e.g. a
/// delivery put on the schedule and handed back by a background service: <see cref="Current"/> is stored
/// with the work, and <see cref="Resume"/> starts the later step under it, so whatever it sends (a
/// MassTransit send carries its span in <c>MT-Activity-Id</c>) continues the same trace.
/// </summary>
public static class StoredTraceContext
{
    /// <summary>The current span as a W3C <c>traceparent</c>, or null outside a span.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts an internal span named <paramref name="operation"/> under a stored <c>traceparent</c>; null when there is none (or nobody listens).</summary>
    public static Activity? Resume(string? traceParent, string operation) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var stored)
            ? ProactiveSuiteTelemetry.Source.StartActivity(operation, ActivityKind.Internal, stored)
            : null;
}
