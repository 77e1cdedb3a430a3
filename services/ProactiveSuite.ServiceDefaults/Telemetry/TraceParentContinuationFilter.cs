using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// Continues the trace of a publisher that is not MassTransit. MassTransit (8.x) parents its receive span
/// on its own <c>MT-Activity-Id</c> transport header only; a publisher in another stack sends a W3C
/// <c>traceparent</c>, as an AMQP header or among the envelope's <c>headers</c>. When a message carries a
/// <c>traceparent</c> and no <c>MT-Activity-Id</c>, this filter replaces MassTransit's receive span, which
/// started as a trace of its own before the envelope could be read, with a receive span under the
/// publisher's span (same name and messaging attributes), so the consumer's process span and everything
/// below it continue the publisher's trace. The replaced span is left unrecorded, so it is not exported.
/// </summary>
internal sealed class TraceParentContinuationFilter : IFilter<ConsumeContext>
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    private const string MassTransitActivityIdHeader = "MT-Activity-Id";

    public void Probe(ProbeContext context) => context.CreateFilterScope("traceParentContinuation");

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (!TryGetPublisherSpan(context, out var publisher))
        {
            await next.Send(context);
            return;
        }

        var transportReceive = Activity.Current is { Source.Name: ProactiveSuiteTelemetry.MassTransit, Kind: ActivityKind.Consumer } current ? current : null;
        using var receive = ProactiveSuiteTelemetry.Source.StartActivity(
            transportReceive?.OperationName ?? $"{context.ReceiveContext.InputAddress.AbsolutePath.Trim('/')} receive",
            ActivityKind.Consumer,
            publisher,
            transportReceive?.TagObjects);
        if (receive is null)
        {
            await next.Send(context);
            return;
        }

        receive.SetTag(TelemetryAttributes.ContinuedFrom, TraceParentHeader);
        if (transportReceive is not null)
        {
            transportReceive.IsAllDataRequested = false;
            transportReceive.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        try
        {
            await next.Send(context);
        }
        catch (Exception e)
        {
            receive.SetStatus(ActivityStatusCode.Error, e.Message);
            receive.AddException(e);
            throw;
        }
    }

    private static bool TryGetPublisherSpan(ConsumeContext context, out ActivityContext publisher)
    {
        publisher = default;
        var transport = context.ReceiveContext.TransportHeaders;
        if (transport.TryGetHeader(MassTransitActivityIdHeader, out _))
        {
            return false; // MassTransit parented its receive span on it already
        }

        var traceParent = Text(transport, TraceParentHeader) ?? Text(context.Headers, TraceParentHeader);
        var traceState = Text(transport, TraceStateHeader) ?? Text(context.Headers, TraceStateHeader);
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out publisher);
    }

    // AMQP header values arrive as bytes unless the transport decoded them; envelope headers as JSON.
    private static string? Text(Headers headers, string key) =>
        headers.TryGetHeader(key, out var value)
            ? value switch
            {
                string text => text,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
                _ => null,
            }
            : null;
}
