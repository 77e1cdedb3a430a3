using System.Diagnostics;
using ProactiveSuite.Bench.Audience;
using ProactiveSuite.Bench.Deployment;
using ProactiveSuite.Bench.Machine;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// One broadcast to an explicit list, measured from the moment it is published to the moment the last recipient's
/// message reached the emulator (its <see cref="RecordedActivity.ReceivedAt"/>), with each recipient's time from
/// command to delivery, the emulator's 429 count, a timeline, and the CPU each process used meanwhile.
/// </summary>
public sealed class BroadcastMeasurement(BenchSystem system, OperatorClient status, Func<SendBroadcast, CancellationToken, Task> publish)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>For recipients with no stored conversation: create one (the embedded default is seeded that way).</summary>
    public bool CreateConversations { get; init; }

    /// <summary>Sampled during the run when set: the ready messages of the Dispatcher's deliveries queue.</summary>
    public Func<CancellationToken, Task<long?>>? QueueDepth { get; init; }

    public async Task<BroadcastResult> RunAsync(string label, IReadOnlyList<BenchUser> users, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var channel = system.Channel;
        channel.Transcript.Clear();
        channel.Statistics.Reset();
        var id = $"bench-{label}-{Guid.NewGuid():N}";
        var text = $"Benchmark {label}: {id}";
        var broadcast = new SendBroadcast
        {
            NotificationId = id,
            Audience = new BroadcastAudience { Recipients = users.Select(u => u.Recipient).ToList() },
            Text = text,
            CreateConversationIfMissing = CreateConversations,
        };

        var cpu = CpuMeter.Start(system.MeteredProcesses());
        var clock = Stopwatch.StartNew();
        var commandAt = DateTimeOffset.UtcNow;
        await publish(broadcast, cancellationToken);
        var publishSeconds = clock.Elapsed.TotalSeconds;

        var timeline = new List<TimelineSample>();
        NotificationStatus? progress = null;
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(SampleInterval, cancellationToken);
            var counts = channel.Statistics.Total;
            progress = await status.StatusAsync(id, cancellationToken);
            timeline.Add(new TimelineSample(
                Math.Round(clock.Elapsed.TotalSeconds, 1),
                counts.Sends,
                counts.Throttled,
                QueueDepth is null ? null : await QueueDepth(cancellationToken)));
            if (progress?.FinishedAt is not null)
            {
                break;
            }
        }

        var profile = cpu.Stop();
        var delivered = channel.Transcript.All()
            .Where(a => a.Operation == ConnectorOperation.SendToConversation && a.Text == text)
            .Select(a => (a.ReceivedAt - commandAt).TotalSeconds)
            .Order()
            .ToList();
        var totals = channel.Statistics.Total;
        var seconds = delivered.Count > 0 ? delivered[^1] : clock.Elapsed.TotalSeconds;
        return new BroadcastResult(
            id,
            users.Count,
            delivered.Count,
            progress?.FinishedAt is not null,
            Math.Round(seconds, 2),
            Math.Round(delivered.Count / seconds, 1),
            Math.Round(SteadyRate(delivered), 1),
            Math.Round(publishSeconds, 3),
            delivered.Count > 0 ? Math.Round(delivered[0], 3) : null,
            Math.Round(Percentiles.Of(delivered, 50), 2),
            Math.Round(Percentiles.Of(delivered, 99), 2),
            totals.Sends,
            totals.Throttled,
            progress,
            profile,
            timeline);
    }

    /// <summary>When each recipient of a measured broadcast got it, oldest first, while the emulator still remembers it.</summary>
    public static IReadOnlyList<DateTimeOffset> DeliveredAt(ChannelEmulatorServer channel, string notificationId) =>
        channel.Transcript.All()
            .Where(a => a.Operation == ConnectorOperation.SendToConversation && a.Text is { } text && text.EndsWith(notificationId, StringComparison.Ordinal))
            .Select(a => a.ReceivedAt)
            .Order()
            .ToList();

    /// <summary>The rate between the 10th and the 90th percent of deliveries: without the start and the tail.</summary>
    private static double SteadyRate(List<double> sorted)
    {
        if (sorted.Count < 20)
        {
            return double.NaN;
        }

        var from = sorted.Count / 10;
        var to = sorted.Count * 9 / 10;
        return (to - from) / Math.Max(sorted[to] - sorted[from], 1e-6);
    }
}

/// <param name="Recipients">Listed recipients.</param>
/// <param name="Delivered">Recipients whose message reached the emulator.</param>
/// <param name="Completed">Whether the Dispatcher reported the broadcast finished (GET /notifications/{id}).</param>
/// <param name="Seconds">From publishing the command to the last delivery.</param>
/// <param name="PerSecond">Delivered / Seconds.</param>
/// <param name="SteadyPerSecond">Deliveries per second between the 10th and 90th percent of them.</param>
/// <param name="PublishSeconds">How long publishing the command took.</param>
/// <param name="FirstDeliverySeconds">From the command to the first delivery.</param>
/// <param name="P50Seconds">Median time from command to delivery.</param>
/// <param name="P99Seconds">99th percentile of it.</param>
/// <param name="EmulatorSends">Sends the emulator accepted.</param>
/// <param name="EmulatorThrottled">Calls the emulator answered 429.</param>
public sealed record BroadcastResult(
    string NotificationId,
    int Recipients,
    int Delivered,
    bool Completed,
    double Seconds,
    double PerSecond,
    double SteadyPerSecond,
    double PublishSeconds,
    double? FirstDeliverySeconds,
    double P50Seconds,
    double P99Seconds,
    long EmulatorSends,
    long EmulatorThrottled,
    NotificationStatus? Status,
    CpuProfile Cpu,
    IReadOnlyList<TimelineSample> Timeline);

/// <param name="Seconds">Since the command was published.</param>
/// <param name="Sends">Sends the emulator had accepted.</param>
/// <param name="Throttled">429s the emulator had answered.</param>
/// <param name="DeliveriesQueued">Ready messages in dispatcher-deliveries (RabbitMQ only).</param>
public sealed record TimelineSample(double Seconds, long Sends, long Throttled, long? DeliveriesQueued);
