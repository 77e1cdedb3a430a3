namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>How hard the Dispatcher tries, bound from <c>Dispatcher:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Dispatcher:Delivery";

    /// <summary>Attempts per recipient before a passing failure becomes <c>NotificationFailed Transient</c>.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first backoff without Retry-After; it doubles per attempt, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a Dispatcher owns a delivery it is posting. A crashed owner's deliveries are taken over
    /// once it runs out, so it bounds both the wait after a crash and the window for a duplicate.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pacing waits up to this long in place (no thread held); longer waits go to the schedule.</summary>
    public TimeSpan MaxInlineWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A connector call that takes longer is a timeout, retried like a 503.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries posted at once by one Dispatcher.</summary>
    public int ConcurrentDeliveries { get; set; } = 64;

    /// <summary>How often the schedule is polled for due deliveries.</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
