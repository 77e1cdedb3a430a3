using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.EndToEnd.Tests.Infrastructure.Telemetry;
using RabbitMQ.Client;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// What an SRE opens when a user says "I never got it": the traces, logs and metrics the three service
/// processes export over OTLP (to an in-test receiver, through the standard OTEL_* variables), checked for
/// one trace per story with the right parent-child links across processes.
/// </summary>
public sealed class TracingOnRabbitMqTests(RabbitMqSystem system) : IClassFixture<RabbitMqSystem>
{
    private const string Gateway = "ProactiveSuite.Gateway";
    private const string Registry = "ProactiveSuite.Registry";
    private const string Dispatcher = "ProactiveSuite.Dispatcher";

    [Fact]
    public async Task A_user_message_is_one_trace_from_the_gateways_http_span_through_ReferenceCaptured_to_the_registrys_store_write()
    {
        var user = NewUser();
        var conversation = "emu-" + user;

        var said = await system.Channel.UserSaysAsync(user, "hello bot");

        Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        var trace = await Eventually.Until(() => Task.FromResult(CaptureTrace(conversation)), $"the trace of {conversation}'s capture", Context);
        var http = Assert.Single(trace, s => s.Service == Gateway && s.Kind == SpanKind.Server);
        Assert.Equal("POST /api/messages", http.Name);
        Assert.Equal(conversation, http["proactivesuite.conversation.id"]);
        Assert.Equal("emulator", http["proactivesuite.channel.id"]);

        var write = Assert.Single(trace, s => s.Service == Registry && s.Name == "upsert conversationReferences");
        Assert.Equal((SpanKind.Client, "sqlite", "upsert", "conversationReferences"), (write.Kind, write["db.system.name"], write["db.operation.name"], write["db.collection.name"]));
        var process = ParentOf(write, trace);
        Assert.Equal((Registry, SpanKind.Consumer, "registry-reference-captured process"), (process.Service, process.Kind, process.Name));
        Assert.Equal(("Stored", conversation), (process["proactivesuite.reference.outcome"], process["proactivesuite.conversation.id"]));
        var receive = ParentOf(process, trace);
        Assert.Equal((Registry, SpanKind.Consumer, "registry-reference-captured receive"), (receive.Service, receive.Kind, receive.Name));
        var publish = ParentOf(receive, trace);
        Assert.Equal((Gateway, SpanKind.Producer), (publish.Service, publish.Kind));
        Assert.Contains("ReferenceCaptured", publish.Name, StringComparison.Ordinal);
        Assert.Contains(http, AncestorsOf(publish, trace));

        // One trace: below the Gateway's HTTP span, every span's parent is in it.
        Assert.All(trace.Where(s => s != http), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));
        Assert.Equal([Gateway, Registry], trace.Select(s => s.Service).Distinct().Order());

        // The Registry's log line of that write carries the trace and the span it was written in.
        var logged = await Eventually.Until(
            () => Task.FromResult(system.Telemetry.Logs().FirstOrDefault(l => l.Service == Registry && Equals(l.Attributes.GetValueOrDefault("ConversationId"), conversation))),
            "the Registry's log record of the capture", Context);
        Assert.Equal((process.TraceId, process.SpanId), (logged.TraceId, logged.SpanId));
    }

    [Theory]
    [InlineData("amqp-header")]
    [InlineData("envelope-header")]
    public async Task A_notification_from_an_outside_publisher_with_a_traceparent_continues_its_trace_through_the_dispatcher_and_the_registry(string carrier)
    {
        var user = NewUser();
        await system.Channel.UserSaysAsync(user, "hello bot");
        await Eventually.Until(() => Task.FromResult(CaptureTrace("emu-" + user)), "the user's reference", Context);
        var notificationId = "traced-" + Guid.NewGuid().ToString("N");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var publisherSpan = ActivitySpanId.CreateRandom().ToHexString();

        await PublishWithTraceParentAsync(notificationId, user, $"00-{traceId}-{publisherSpan}-01", carrier);

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, ct), "NotificationDelivered", system.Logs);
        var trace = await Eventually.Until(() => Task.FromResult(NotificationTrace(traceId, user)), $"the notification's spans in trace {traceId}", () => Context(traceId));

        var receive = Assert.Single(trace, s => s.ParentSpanId == publisherSpan);
        Assert.Equal((Dispatcher, SpanKind.Consumer, "dispatcher-send-notification receive"), (receive.Service, receive.Kind, receive.Name));
        Assert.Equal("traceparent", receive["proactivesuite.trace.continued_from"]);
        var process = Assert.Single(trace, s => s.ParentSpanId == receive.SpanId && s.Kind == SpanKind.Consumer);
        Assert.Equal((Dispatcher, "dispatcher-send-notification process"), (process.Service, process.Name));
        Assert.Equal((notificationId, "emulator", "delivered"), (process["proactivesuite.notification.id"], process["proactivesuite.channel.id"], process["proactivesuite.delivery.outcome"]));

        var lookup = Assert.Single(trace, s => s.Service == Dispatcher && s.Kind == SpanKind.Producer && s.Name.Contains("FindConversationReference", StringComparison.Ordinal));
        Assert.Contains(process, AncestorsOf(lookup, trace));
        var answer = Assert.Single(trace, s => s.Service == Registry && s.Name == "registry-reference-lookup process");
        Assert.Equal(true, answer["proactivesuite.reference.found"]);
        Assert.Contains(lookup, AncestorsOf(answer, trace));
        var read = Assert.Single(trace, s => s.Service == Registry && s.Name == "findById conversationReferences");
        Assert.Equal((SpanKind.Client, "sqlite"), (read.Kind, read["db.system.name"]));
        Assert.Equal(answer.SpanId, read.ParentSpanId);

        var post = Assert.Single(trace, s => s.Service == Dispatcher && s.Kind == SpanKind.Client && IsConnectorPost(s, user));
        Assert.Equal(("POST", 200L), (post["http.request.method"], post["http.response.status_code"]));
        Assert.Contains(process, AncestorsOf(post, trace));
        var delivered = Assert.Single(trace, s => s.Service == Dispatcher && s.Kind == SpanKind.Producer && s.Name.Contains("NotificationDelivered", StringComparison.Ordinal));
        Assert.Contains(process, AncestorsOf(delivered, trace));

        // One trace: the publisher's span is the only parent outside it.
        Assert.All(trace.Where(s => s != receive), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));
        Assert.Equal([Dispatcher, Registry], trace.Select(s => s.Service).Distinct().Order());
    }

    [Fact]
    public async Task Deliveries_by_outcome_and_the_stored_references_are_measured()
    {
        var user = NewUser();
        await system.Channel.UserSaysAsync(user, "hello bot");
        await Eventually.Until(() => Task.FromResult(CaptureTrace("emu-" + user)), "the user's reference", Context);
        var delivered = "m-" + Guid.NewGuid().ToString("N");
        var failed = "m-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification { NotificationId = delivered, Recipient = new Recipient("emulator", user), Text = "measured" }, TestContext.Current.CancellationToken);
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = failed, Recipient = new Recipient("emulator", NewUser()), Text = "nobody" }, TestContext.Current.CancellationToken);

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == delivered, ct), "NotificationDelivered", system.Logs);
        await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == failed, ct), "NotificationFailed", system.Logs);
        await Metric(Dispatcher, "proactivesuite.delivery.outcomes", "{notification}", ("proactivesuite.delivery.outcome", "delivered"), ("proactivesuite.channel.id", "emulator"));
        await Metric(Dispatcher, "proactivesuite.delivery.outcomes", "{notification}", ("proactivesuite.delivery.outcome", "failed"), ("proactivesuite.delivery.reason", "NoReference"));
        await Metric(Dispatcher, "proactivesuite.delivery.duration", "s", ("proactivesuite.delivery.outcome", "delivered"));
        await Metric(Registry, "proactivesuite.references.stored", "{reference}");
    }

    /// <summary>The spans of a capture's trace, once its store write and every span between it and the Gateway's HTTP span are in.</summary>
    private List<ExportedSpan>? CaptureTrace(string conversationId)
    {
        var http = system.Telemetry.Spans().FirstOrDefault(s => s.Service == Gateway && s.Kind == SpanKind.Server && Equals(s["proactivesuite.conversation.id"], conversationId));
        if (http is null)
        {
            return null;
        }

        var trace = system.Telemetry.Trace(http.TraceId).ToList();
        var write = trace.FirstOrDefault(s => s.Service == Registry && s.Name == "upsert conversationReferences");
        return write is not null && AncestorsOf(write, trace).Contains(http) ? trace : null;
    }

    /// <summary>The spans of a notification's trace, once the connector's POST and the outcome's publish are in and every link is.</summary>
    private List<ExportedSpan>? NotificationTrace(string traceId, string user)
    {
        var trace = system.Telemetry.Trace(traceId).ToList();
        var complete = trace.Any(s => s.Service == Dispatcher && IsConnectorPost(s, user))
            && trace.Any(s => s.Service == Dispatcher && s.Name.Contains("NotificationDelivered", StringComparison.Ordinal))
            && trace.Any(s => s.Service == Registry && s.Name == "findById conversationReferences")
            && trace.Count(s => !trace.Any(p => p.SpanId == s.ParentSpanId)) == 1;
        return complete ? trace : null;
    }

    private static bool IsConnectorPost(ExportedSpan span, string user) =>
        span.Kind == SpanKind.Client && span["url.full"] is string url && url.Contains($"/v3/conversations/emu-{user}/activities", StringComparison.Ordinal);

    private async Task PublishWithTraceParentAsync(string notificationId, string user, string traceParent, string carrier)
    {
        var ct = TestContext.Current.CancellationToken;
        var envelope = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["messageType"] = new JsonArray("urn:message:ProactiveSuite.Contracts.Notifications:SendNotification"),
            ["message"] = new JsonObject
            {
                ["notificationId"] = notificationId,
                ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = user },
                ["text"] = "Your trace is ready",
            },
        };
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        if (carrier == "amqp-header")
        {
            properties.Headers = new Dictionary<string, object?> { ["traceparent"] = traceParent };
        }
        else
        {
            envelope["headers"] = new JsonObject { ["traceparent"] = traceParent };
        }

        var factory = new ConnectionFactory { Uri = system.Broker.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        const string exchange = "ProactiveSuite.Contracts.Notifications:SendNotification";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()), ct);
    }

    /// <summary>Waits for a data point of <paramref name="name"/> from <paramref name="service"/> with these attributes and a value above zero.</summary>
    /// <remarks>A gauge exported before the write it measures reads zero; only a later export can show it, so a zero point is waited past, not judged.</remarks>
    private async Task Metric(string service, string name, string unit, params (string Key, string Value)[] attributes)
    {
        var point = await Eventually.Until(
            () => Task.FromResult(system.Telemetry.MetricPoints().LastOrDefault(p =>
                p.Service == service && p.Name == name && p.Value > 0 && attributes.All(a => Equals(p.Attributes.GetValueOrDefault(a.Key), a.Value)))),
            $"{name} {string.Join(", ", attributes)} from {service}",
            () => string.Join(Environment.NewLine, system.Telemetry.MetricPoints().Where(p => p.Name.StartsWith("proactivesuite.", StringComparison.Ordinal)).TakeLast(30)));
        Assert.Equal(unit, point.Unit);
    }

    private static ExportedSpan ParentOf(ExportedSpan span, IReadOnlyList<ExportedSpan> trace) =>
        trace.SingleOrDefault(s => s.SpanId == span.ParentSpanId) ?? throw new Xunit.Sdk.XunitException($"The parent of {span} is not in the trace.");

    private static List<ExportedSpan> AncestorsOf(ExportedSpan span, IReadOnlyList<ExportedSpan> trace)
    {
        var ancestors = new List<ExportedSpan>();
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    private string Context() => system.Telemetry.Summary() + Environment.NewLine + system.Logs();

    private string Context(string traceId) => system.Telemetry.Summary(traceId) + Environment.NewLine + system.Logs();

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];
}
