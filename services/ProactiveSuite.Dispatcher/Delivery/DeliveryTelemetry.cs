using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// A delivery as an SRE sees it: the attributes that make its span findable, span events for throttling
/// and retries, and the delivery instruments of the <c>ProactiveSuite</c> meter. Each method records
/// everything about one fact (metric and span alike), so that reporting a fact is one call. The span is
/// the current one: the consume span of the delivery.
/// </summary>
public sealed class DeliveryTelemetry
{
    /// <summary>Counter of finished deliveries, by channel, outcome and (when failed) reason code.</summary>
    public const string OutcomesMetric = "proactivesuite.delivery.outcomes";

    /// <summary>Histogram (s) from the command's sending (its envelope's <c>sentTime</c>) to the delivery's end, by channel and outcome.</summary>
    public const string DurationMetric = "proactivesuite.delivery.duration";

    /// <summary>Counter of throttled connector calls (429), by channel.</summary>
    public const string ThrottledMetric = "proactivesuite.connector.throttled";

    /// <summary>Histogram (s) of the waits throttling imposed (the connector's Retry-After, or the back-off chosen), by channel.</summary>
    public const string ThrottleWaitMetric = "proactivesuite.connector.throttle.wait";

    /// <summary>Counter of delivery attempts that will be tried again, by channel and reason.</summary>
    public const string RetriesMetric = "proactivesuite.delivery.retries";

    /// <summary>Span event: the connector answered 429; attributes <c>http.response.status_code</c>, <see cref="WaitAttribute"/>.</summary>
    public const string ThrottledEvent = "proactivesuite.connector.throttled";

    /// <summary>Span event: an attempt failed and will be retried; attributes <see cref="AttemptAttribute"/>, <see cref="RetryReasonAttribute"/>, <see cref="WaitAttribute"/>, and <c>http.response.status_code</c> when the connector answered.</summary>
    public const string RetryEvent = "proactivesuite.delivery.retry";

    public const string WaitAttribute = "proactivesuite.retry.wait_ms";
    public const string AttemptAttribute = "proactivesuite.retry.attempt";
    public const string RetryReasonAttribute = "proactivesuite.retry.reason";

    private const string StatusCodeAttribute = "http.response.status_code";

    // Deliveries take milliseconds when all is well and minutes when a channel throttles.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    };

    private readonly TimeProvider _clock;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _throttleWait;
    private readonly Counter<long> _retries;

    public DeliveryTelemetry(IMeterFactory meters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _clock = clock;
        var meter = meters.Create(ProactiveSuiteTelemetry.Name);
        _outcomes = meter.CreateCounter<long>(OutcomesMetric, "{notification}", "Notifications whose delivery ended, by outcome and reason.");
        _duration = meter.CreateHistogram(DurationMetric, "s", "Time from a SendNotification's sending to the end of its delivery.", advice: SecondsBuckets);
        _throttled = meter.CreateCounter<long>(ThrottledMetric, "{response}", "Connector calls the channel throttled (HTTP 429).");
        _throttleWait = meter.CreateHistogram(ThrottleWaitMetric, "s", "Waits imposed by throttling before the next attempt.", advice: SecondsBuckets);
        _retries = meter.CreateCounter<long>(RetriesMetric, "{retry}", "Delivery attempts that failed for a passing reason and will be tried again.");
    }

    /// <summary>Tags the current span with the notification's id, channel and tenant, so that it can be found by them.</summary>
    public static void Describe(string? notificationId, Recipient? recipient) =>
        Activity.Current?
            .SetTag(TelemetryAttributes.NotificationId, notificationId)
            .SetTag(TelemetryAttributes.ChannelId, recipient?.ChannelId)
            .SetTag(TelemetryAttributes.TenantId, recipient?.TenantId);

    /// <summary>
    /// How the delivery ended: outcome (and reason) on the span, failed deliveries as span errors, and the
    /// outcome counter and duration histogram. Call it for every attempt's outcome; only delivered and
    /// failed ones are counted.
    /// </summary>
    /// <param name="requestedAt">When the command was sent (its envelope's <c>sentTime</c>), else when it was received: the start of "command to delivered".</param>
    public void Ended(Recipient? recipient, DeliveryOutcome outcome, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var channel = new KeyValuePair<string, object?>(TelemetryAttributes.ChannelId, recipient?.ChannelId);
        var span = Activity.Current;
        var elapsed = Math.Max(0, (_clock.GetUtcNow() - requestedAt).TotalSeconds);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                span?.SetTag(TelemetryAttributes.DeliveryOutcome, "delivered").SetTag(TelemetryAttributes.ConversationId, delivered.ConversationId);
                _outcomes.Add(1, channel, new(TelemetryAttributes.DeliveryOutcome, "delivered"));
                _duration.Record(elapsed, channel, new(TelemetryAttributes.DeliveryOutcome, "delivered"));
                break;
            case DeliveryOutcome.Failed failed:
                span?.SetTag(TelemetryAttributes.DeliveryOutcome, "failed").SetTag(TelemetryAttributes.DeliveryReason, failed.ReasonCode)
                    .SetStatus(ActivityStatusCode.Error, failed.ReasonCode);
                _outcomes.Add(1, channel, new(TelemetryAttributes.DeliveryOutcome, "failed"), new(TelemetryAttributes.DeliveryReason, failed.ReasonCode));
                _duration.Record(elapsed, channel, new(TelemetryAttributes.DeliveryOutcome, "failed"));
                break;
            default:
                // An outcome that does not end the delivery (one put off to a later attempt) is only named on the span.
                span?.SetTag(TelemetryAttributes.DeliveryOutcome, outcome.GetType().Name.ToLowerInvariant());
                break;
        }
    }

    /// <summary>
    /// The channel's connector throttled a call (HTTP 429) and the delivery waits <paramref name="wait"/>
    /// before its next attempt: a <see cref="ThrottledEvent"/> on the current span, the throttled counter
    /// and the wait histogram.
    /// </summary>
    public void Throttled(string channelId, TimeSpan wait, int statusCode = 429)
    {
        Activity.Current?.AddEvent(new ActivityEvent(ThrottledEvent, tags: new ActivityTagsCollection
        {
            [StatusCodeAttribute] = statusCode,
            [WaitAttribute] = (long)wait.TotalMilliseconds,
        }));
        var channel = new KeyValuePair<string, object?>(TelemetryAttributes.ChannelId, channelId);
        _throttled.Add(1, channel);
        _throttleWait.Record(wait.TotalSeconds, channel);
    }

    /// <summary>
    /// An attempt failed for a passing reason and the delivery will be tried again after <paramref name="wait"/>:
    /// a <see cref="RetryEvent"/> on the current span and the retries counter.
    /// </summary>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="reason">Low-cardinality, e.g. <c>Transient</c>, <c>Throttled</c>, <c>Unreachable</c>: it is a metric attribute.</param>
    /// <param name="statusCode">The connector's HTTP status, when it answered.</param>
    public void Retrying(string channelId, int attempt, string reason, TimeSpan wait, int? statusCode = null)
    {
        var tags = new ActivityTagsCollection
        {
            [AttemptAttribute] = attempt,
            [RetryReasonAttribute] = reason,
            [WaitAttribute] = (long)wait.TotalMilliseconds,
        };
        if (statusCode is { } status)
        {
            tags[StatusCodeAttribute] = status;
        }

        Activity.Current?.AddEvent(new ActivityEvent(RetryEvent, tags: tags));
        _retries.Add(1, new KeyValuePair<string, object?>(TelemetryAttributes.ChannelId, channelId), new(RetryReasonAttribute, reason));
    }
}
