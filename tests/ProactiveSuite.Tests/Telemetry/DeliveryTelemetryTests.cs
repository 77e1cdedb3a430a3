using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.Telemetry;

/// <summary>What the delivery-reliability work gets when it reports a 429 or a retry: a span event and the metrics.</summary>
public sealed class DeliveryTelemetryTests : IDisposable
{
    // Matched by name: comparing with the source itself would create it inside the listener's registration, unseen.
    private const string ConsumeSource = "ProactiveSuite.Tests.DeliveryTelemetry";
    private static readonly ActivitySource Consume = new(ConsumeSource);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ActivityListener _spans = new()
    {
        ShouldListenTo = source => source.Name == ConsumeSource,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private readonly MeterListener _metrics = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = [];
    private readonly DeliveryTelemetry _telemetry;

    public DeliveryTelemetryTests()
    {
        ActivitySource.AddActivityListener(_spans);
        var meters = _services.GetRequiredService<IMeterFactory>();
        _metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _metrics.Start();
        _telemetry = new DeliveryTelemetry(meters, TimeProvider.System);
    }

    [Fact]
    public void A_429_is_an_event_on_the_span_with_its_wait_and_is_counted()
    {
        using var span = Consume.StartActivity("dispatcher-send-notification process");

        _telemetry.Throttled("msteams", TimeSpan.FromSeconds(2.5));

        var throttled = Assert.Single(span!.Events);
        Assert.Equal(DeliveryTelemetry.ThrottledEvent, throttled.Name);
        Assert.Equal(429, throttled.Tags.Single(t => t.Key == "http.response.status_code").Value);
        Assert.Equal(2500L, throttled.Tags.Single(t => t.Key == DeliveryTelemetry.WaitAttribute).Value);
        Assert.Contains(_measured, m => m.Instrument == DeliveryTelemetry.ThrottledMetric && m.Value == 1 && Equals(m.Tags["proactivesuite.channel.id"], "msteams"));
        Assert.Contains(_measured, m => m.Instrument == DeliveryTelemetry.ThrottleWaitMetric && m.Value == 2.5);
    }

    [Fact]
    public void A_retry_is_an_event_on_the_span_and_is_counted_by_reason()
    {
        using var span = Consume.StartActivity("dispatcher-send-notification process");

        _telemetry.Retrying("msteams", attempt: 2, "Transient", TimeSpan.FromMilliseconds(800), statusCode: 503);

        var retry = Assert.Single(span!.Events);
        Assert.Equal(DeliveryTelemetry.RetryEvent, retry.Name);
        var tags = retry.Tags.ToDictionary();
        Assert.Equal((2, "Transient", 800L, 503), (tags[DeliveryTelemetry.AttemptAttribute], tags[DeliveryTelemetry.RetryReasonAttribute], tags[DeliveryTelemetry.WaitAttribute], tags["http.response.status_code"]));
        Assert.Contains(_measured, m => m.Instrument == DeliveryTelemetry.RetriesMetric && Equals(m.Tags[DeliveryTelemetry.RetryReasonAttribute], "Transient"));
    }

    [Fact]
    public void A_failed_delivery_is_a_span_error_with_its_reason_and_is_counted_by_reason()
    {
        using var span = Consume.StartActivity("dispatcher-send-notification process");
        var command = new SendNotification { NotificationId = "n-1", Recipient = new Recipient("msteams", "29:user", "tenant-1"), Text = "hi" };

        DeliveryTelemetry.Describe(command.NotificationId, command.Recipient);
        _telemetry.Ended(command.Recipient, new DeliveryOutcome.Failed(NotificationFailureReasons.NoReference, "never wrote"), DateTimeOffset.UtcNow.AddSeconds(-3));

        Assert.Equal(ActivityStatusCode.Error, span!.Status);
        Assert.Equal(("n-1", "msteams", "tenant-1", "failed", "NoReference"), (
            span.GetTagItem("proactivesuite.notification.id"), span.GetTagItem("proactivesuite.channel.id"), span.GetTagItem("proactivesuite.tenant.id"),
            span.GetTagItem("proactivesuite.delivery.outcome"), span.GetTagItem("proactivesuite.delivery.reason")));
        Assert.DoesNotContain(span.Tags, t => t.Value == "29:user" || t.Value == "hi");
        Assert.Contains(_measured, m => m.Instrument == DeliveryTelemetry.OutcomesMetric && Equals(m.Tags["proactivesuite.delivery.reason"], "NoReference"));
        Assert.Contains(_measured, m => m.Instrument == DeliveryTelemetry.DurationMetric && m.Value >= 3);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _spans.Dispose();
        _services.Dispose();
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measured)
        {
            _measured.Add((instrument.Name, value, copy));
        }
    }
}
