using System.Diagnostics;
using System.Text.Json;
using ProactiveSuite.Bench.Audience;
using ProactiveSuite.Bench.Deployment;
using ProactiveSuite.Bench.Machine;
using ProactiveSuite.Bench.Measurements;
using ProactiveSuite.Bench.Results;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Testing;

namespace ProactiveSuite.Bench;

/// <summary>
/// The phases of one run, in an order that lets each have the machine to itself: MassTransit's ceiling and the
/// classic sample first, then the RabbitMQ shape (seeding, pipeline, the large broadcast, saturation, capture),
/// then, with the broker stopped, the embedded default. A phase that fails is reported and the run goes on.
/// </summary>
public sealed class BenchRun(BenchOptions options, TextWriter log)
{
    private const string Registry = "registry";
    private const string Dispatcher = "dispatcher";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = new BenchReport
        {
            StartedAt = DateTimeOffset.UtcNow,
            Machine = await MachineDescription.DescribeAsync(),
            Settings = new BenchSettings(
                options.Quick, options.PipelineRecipients, options.ScaleRecipients, options.Tenants, options.SaturationRate, options.SaturationRecipients, options.LowSaturationRate,
                options.SequentialCalls, options.CaptureRequests, options.Concurrency, options.Latency.TotalMilliseconds, options.ServiceLogLevel,
                [.. options.Phases.Order(StringComparer.Ordinal)]),
        };

        await using (var system = await BenchSystem.StartAsync(options, cancellationToken))
        {
            if (NeedsBroker())
            {
                Say("starting a private RabbitMQ node");
                await system.StartBrokerAsync(cancellationToken);
            }

            await PhaseAsync(report, "ceiling", () => CeilingAsync(system, report, cancellationToken));
            await PhaseAsync(report, "sequential", () => SequentialAsync(system, report, cancellationToken));
            if (options.Runs("rabbitmq") || options.Runs("scale") || options.Runs("saturation") || options.Runs("capture"))
            {
                await PhaseAsync(report, "rabbitmq services", () => RabbitMqPhasesAsync(system, report, cancellationToken));
            }

            await system.StopBrokerAsync();
            await PhaseAsync(report, "embedded", () => EmbeddedAsync(system, report, cancellationToken));
        }

        report.TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        report.Targets.AddRange(TargetJudge.Judge(report));
        return report;
    }

    private bool NeedsBroker() => options.Phases.Any(p => p is not ("sequential" or "embedded"));

    private async Task CeilingAsync(BenchSystem system, BenchReport report, CancellationToken cancellationToken)
    {
        var broker = system.Broker!;
        Say($"MassTransit no-op ceiling: {options.PipelineRecipients} messages, quorum queue");
        report.CeilingQuorum = await MassTransitCeiling.MeasureAsync(broker.AmqpUri, options.PipelineRecipients, options.Concurrency, quorum: true, system.MeteredProcesses(), cancellationToken);
        Say($"  {report.CeilingQuorum.PerSecond:0}/s");
        Say($"MassTransit no-op ceiling: {options.PipelineRecipients} messages, classic queue");
        report.CeilingClassic = await MassTransitCeiling.MeasureAsync(broker.AmqpUri, options.PipelineRecipients, options.Concurrency, quorum: false, system.MeteredProcesses(), cancellationToken);
        Say($"  {report.CeilingClassic.PerSecond:0}/s");
    }

    private async Task SequentialAsync(BenchSystem system, BenchReport report, CancellationToken cancellationToken)
    {
        Say($"classic sample: {options.SequentialCalls} sequential ContinueConversationAsync calls, latency {options.Latency.TotalMilliseconds:0} ms");
        system.Channel.Faults.SetLatency(options.Latency);
        report.Sequential = await SequentialSample.MeasureAsync(system.Channel.BaseUrl, options.SequentialCalls, cancellationToken);
        Say($"  {report.Sequential.PerSecond:0.0}/s");
    }

    private async Task RabbitMqPhasesAsync(BenchSystem system, BenchReport report, CancellationToken cancellationToken)
    {
        var broker = system.Broker!.AmqpUri;
        var emulator = system.Channel.BaseUrl;
        Say("starting the Registry and the Dispatcher (pacing off) as processes");
        var registryUrl = ServiceSettings.LoopbackUrl(FreePort.Next());
        var dispatcherUrl = ServiceSettings.LoopbackUrl(FreePort.Next());
        var registry = await system.StartServiceAsync(Registry, "ProactiveSuite.Registry", registryUrl,
            ServiceSettings.For(registryUrl, system.StorePath(Registry), broker, emulator, options), cancellationToken);
        var dispatcher = await system.StartServiceAsync(Dispatcher, "ProactiveSuite.Dispatcher", dispatcherUrl,
            ServiceSettings.For(dispatcherUrl, system.StorePath(Dispatcher), broker, emulator, options).WithDispatcher(emulator, options.Concurrency, pacing: false), cancellationToken);

        var many = BenchUser.Many("u", options.Runs("scale") ? Math.Max(options.PipelineRecipients, options.ScaleRecipients) : options.PipelineRecipients, options.Tenants);
        var solo = BenchUser.InOneTenant("s", Math.Max(options.SaturationRecipients, options.LowSaturationRecipients), "solo");
        var seeded = (options.Runs("rabbitmq") || options.Runs("scale") ? many : []).Concat(options.Runs("saturation") ? solo : []).ToList();
        if (seeded.Count > 0)
        {
            Say($"seeding {seeded.Count} references (ReferenceCaptured published with MassTransit)");
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
            var cpu = CpuMeter.Start(system.MeteredProcesses());
            var seconds = (await ReferenceSeeder.SeedAsync(system.Bus, emulator, seeded, TimeSpan.FromMinutes(10), cancellationToken)).TotalSeconds;
            report.Seeding = new SeedingResult(seeded.Count, Math.Round(seconds, 1), Math.Round(seeded.Count / seconds, 0), cpu.Stop());
            Say($"  {report.Seeding.PerSecond:0}/s");
        }

        await using var queue = await QueueDepthProbe.ConnectAsync(broker, cancellationToken);
        var overBus = new BroadcastMeasurement(system, dispatcher.Operator, (broadcast, ct) => system.Bus.Publish(broadcast, ct))
        {
            QueueDepth = ct => queue.ReadyAsync("dispatcher-deliveries", ct),
        };
        system.Channel.Faults.SetLatency(options.Latency);

        if (options.Runs("rabbitmq") || options.Runs("scale"))
        {
            report.WarmUps.Add(await WarmUpAsync(overBus, "rabbitmq", many, cancellationToken));
        }

        await PhaseAsync(report, "rabbitmq", async () =>
        {
            Say($"pipeline on RabbitMQ: a broadcast to {options.PipelineRecipients} recipients in {options.Tenants} tenants");
            report.PipelineRabbitMq = await overBus.RunAsync("rabbitmq", many.Take(options.PipelineRecipients).ToList(), TimeoutFor(options.PipelineRecipients), cancellationToken);
            Say($"  {report.PipelineRabbitMq.PerSecond:0}/s, {report.PipelineRabbitMq.Delivered} delivered in {report.PipelineRabbitMq.Seconds} s");
        });

        await PhaseAsync(report, "scale", async () =>
        {
            var users = many.Take(options.ScaleRecipients).ToList();
            Say($"scale on RabbitMQ: a broadcast to {users.Count} recipients");
            var processes = new Dictionary<string, int>(StringComparer.Ordinal) { [Registry] = registry.Process.ProcessId, [Dispatcher] = dispatcher.Process.ProcessId };
            if (system.BrokerProcessId() is { } brokerPid)
            {
                processes["broker"] = brokerPid;
            }

            var before = processes.ToDictionary(p => p.Key, p => Math.Round(ProcFs.PeakResidentMB(p.Value) ?? double.NaN, 1));
            var reset = processes.Values.Select(ProcFs.ResetPeak).ToList().TrueForAll(r => r);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var largest = SampleLargestAsync(processes, sampling.Token);
            var result = await overBus.RunAsync("scale", users, TimeoutFor(users.Count), cancellationToken);
            await sampling.CancelAsync();
            var composition = await largest;
            var peaks = processes.ToDictionary(p => p.Key, p => Math.Round(ProcFs.PeakResidentMB(p.Value) ?? double.NaN, 1));
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new SendBroadcast { NotificationId = result.NotificationId, Audience = new BroadcastAudience { Recipients = users.Select(u => u.Recipient).ToList() }, Text = "Benchmark scale: " + result.NotificationId }, Json).LongLength;
            report.Scale = new ScaleResult(result, peaks, before, reset, bytes, composition);
            Say($"  {result.Delivered} delivered in {result.Seconds} s; peaks: {string.Join(", ", peaks.Select(p => $"{p.Key} {p.Value} MB"))}");
        });

        await system.StopServiceAsync(Dispatcher);
        await PhaseAsync(report, "saturation", async () =>
        {
            report.Saturation = await SaturationAsync(system, solo.Take(options.SaturationRecipients).ToList(), options.SaturationRate, options.Latency, cancellationToken);
            // No latency: the emulator's comes before it counts a call, and would hide a send that leaves before its slot.
            report.LowRateSaturation = await SaturationAsync(system, solo.Take(options.LowSaturationRecipients).ToList(), options.LowSaturationRate, TimeSpan.Zero, cancellationToken);
        });
        await PhaseAsync(report, "capture", () => CaptureAsync(system, registry, report, cancellationToken));
        await system.StopServiceAsync(Registry);
    }

    private async Task<SaturationResult> SaturationAsync(BenchSystem system, List<BenchUser> solo, int rate, TimeSpan latency, CancellationToken cancellationToken)
    {
        const string paced = "dispatcher-paced";
        var broker = system.Broker!.AmqpUri;
        var emulator = system.Channel.BaseUrl;
        var url = ServiceSettings.LoopbackUrl(FreePort.Next());
        Say($"rate-limit saturation: a Dispatcher pacing to {rate}/s per tenant, the emulator enforcing Teams' limits with {rate}/s per tenant, latency {latency.TotalMilliseconds} ms");
        var dispatcher = await system.StartServiceAsync(paced, "ProactiveSuite.Dispatcher", url,
            ServiceSettings.For(url, system.StorePath(paced), broker, emulator, options).WithDispatcher(emulator, options.Concurrency, pacing: true).WithTenantLimit(rate),
            cancellationToken);
        try
        {
            system.Channel.Faults.SetLatency(latency);
            system.Channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(rate));
            var measurement = new BroadcastMeasurement(system, dispatcher.Operator, (broadcast, ct) => system.Bus.Publish(broadcast, ct));
            var result = await measurement.RunAsync("saturation", solo, TimeoutFor(solo.Count) + TimeSpan.FromSeconds(solo.Count / rate), cancellationToken);
            var saturation = Saturation.Judge(rate, result, BroadcastMeasurement.DeliveredAt(system.Channel, result.NotificationId));
            Say($"  {saturation.AchievedPerSecond:0.0}/s of {rate}/s allowed, {saturation.ThrottledShare:P2} answered 429");
            return saturation;
        }
        finally
        {
            system.Channel.Limits.StopEnforcing();
            await system.StopServiceAsync(paced);
        }
    }

    private async Task CaptureAsync(BenchSystem system, RunningService registry, BenchReport report, CancellationToken cancellationToken)
    {
        var broker = system.Broker!.AmqpUri;
        var emulator = system.Channel.BaseUrl;
        Say($"capture overhead: two Gateways (with and without capture), {options.CaptureRequests} requests each, one at a time, alternating");
        var withUrl = ServiceSettings.LoopbackUrl(FreePort.Next());
        var withoutUrl = ServiceSettings.LoopbackUrl(FreePort.Next());
        var withoutSettings = ServiceSettings.For(withoutUrl, system.StorePath("gateway-without-capture"), broker, emulator, options);
        withoutSettings["Gateway__CaptureReferences"] = "false";
        await system.StartServiceAsync("gateway", "ProactiveSuite.Gateway", withUrl, ServiceSettings.For(withUrl, system.StorePath("gateway"), broker, emulator, options), cancellationToken);
        await system.StartServiceAsync("gateway-without-capture", "ProactiveSuite.Gateway", withoutUrl, withoutSettings, cancellationToken);
        try
        {
            // The bot's answers go to the emulator: no added latency, so that capture's share is not hidden behind it.
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
            report.Capture = await CaptureOverhead.MeasureAsync(withUrl, withoutUrl, emulator, options.CaptureRequests, cancellationToken);
            Say($"  p50 {report.Capture.WithCapture.P50Milliseconds} vs {report.Capture.WithoutCapture.P50Milliseconds} ms, p99 {report.Capture.WithCapture.P99Milliseconds} vs {report.Capture.WithoutCapture.P99Milliseconds} ms");

            // The comparison means something only if one Gateway captured and the other did not.
            await Eventually(() => registry.Operator.HasReferenceAsync(BenchUser.ChannelId, CaptureOverhead.UserOf(capturing: true, 0), cancellationToken), "the capturing Gateway's users in the Registry");
            if (await registry.Operator.HasReferenceAsync(BenchUser.ChannelId, CaptureOverhead.UserOf(capturing: false, 0), cancellationToken))
            {
                throw new InvalidOperationException("The Gateway with Gateway:CaptureReferences=false captured references: the comparison is void.");
            }
        }
        finally
        {
            await system.StopServiceAsync("gateway");
            await system.StopServiceAsync("gateway-without-capture");
        }
    }

    private async Task EmbeddedAsync(BenchSystem system, BenchReport report, CancellationToken cancellationToken)
    {
        var emulator = system.Channel.BaseUrl;
        var url = ServiceSettings.LoopbackUrl(FreePort.Next());
        var settings = ServiceSettings.For(url, system.StorePath("host"), rabbitMq: null, emulator, options).WithDispatcher(emulator, options.Concurrency, pacing: false);
        settings["Emulator__GatewayUrl"] = new Uri(url, "/api/messages").ToString();
        settings["Emulator__PublicBaseUrl"] = url.ToString();
        settings["ServiceUrls__LocalOrigins__1"] = url.ToString();
        Say("embedded default: the Host process (in-memory bus, embedded store)");
        var host = await system.StartServiceAsync("host", "ProactiveSuite.Host", url, settings, cancellationToken);
        try
        {
            var users = BenchUser.Many("e", options.PipelineRecipients, options.Tenants);
            var measurement = new BroadcastMeasurement(system, host.Operator, host.Operator.PostBroadcastAsync);

            // Nothing outside the process can publish on its in-memory bus: its own Dispatcher creates each user's
            // conversation (a broadcast with createConversationIfMissing) and captures it into its Registry.
            Say($"  seeding: a broadcast creating {users.Count} conversations (no latency)");
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
            var seeding = await new BroadcastMeasurement(system, host.Operator, host.Operator.PostBroadcastAsync) { CreateConversations = true }
                .RunAsync("embedded-seed", users, TimeoutFor(users.Count), cancellationToken);
            await Eventually(async () => await host.Operator.CountReferencesAsync(BenchUser.ChannelId, cancellationToken) >= users.Count, "every created conversation in the host's Registry");

            system.Channel.Faults.SetLatency(options.Latency);
            report.WarmUps.Add(await WarmUpAsync(measurement, "embedded", users, cancellationToken));
            Say($"pipeline on the embedded default: a broadcast to {users.Count} recipients over HTTP");
            var result = await measurement.RunAsync("embedded", users, TimeoutFor(users.Count), cancellationToken);
            report.PipelineEmbedded = new EmbeddedResult(seeding.Seconds, result);
            Say($"  {result.PerSecond:0}/s, {result.Delivered} delivered in {result.Seconds} s");
        }
        finally
        {
            await system.StopServiceAsync("host");
        }
    }

    /// <summary>
    /// A broadcast before the measured ones, as a long-running service has had: the JIT has compiled the hot path
    /// at full optimisation (tiered compilation starts every method unoptimised, and a profile showed the JIT busy
    /// for the first 10 to 15 seconds of load), connections and pools exist.
    /// </summary>
    private async Task<BroadcastResult> WarmUpAsync(BroadcastMeasurement measurement, string label, IReadOnlyList<BenchUser> users, CancellationToken cancellationToken)
    {
        var count = Math.Min(users.Count, options.WarmUpRecipients);
        Say($"warming up ({label}): a broadcast to {count} recipients, not counted");
        var result = await measurement.RunAsync(label + "-warmup", users.Take(count).ToList(), TimeoutFor(count), cancellationToken);
        Say($"  {result.PerSecond:0}/s");
        return result;
    }

    /// <summary>Each process's resident memory at its largest sample (every 250 ms), with what it was made of.</summary>
    private static async Task<IReadOnlyDictionary<string, ResidentMemory>> SampleLargestAsync(IReadOnlyDictionary<string, int> processes, CancellationToken cancellationToken)
    {
        var largest = new Dictionary<string, ResidentMemory>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (name, pid) in processes)
            {
                if (ProcFs.Resident(pid) is { } now && (!largest.TryGetValue(name, out var seen) || now.TotalMB > seen.TotalMB))
                {
                    largest[name] = now;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return largest;
    }

    private async Task PhaseAsync(BenchReport report, string phase, Func<Task> run)
    {
        if (!options.Runs(phase) && phase is not "rabbitmq services")
        {
            return;
        }

        try
        {
            await run();
        }
#pragma warning disable CA1031 // One failed phase is reported with its reason; the others still run.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            report.Errors.Add($"{phase}: {e.GetType().Name}: {e.Message}");
            Say($"  FAILED: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Generous: a run below 100 deliveries a second is reported as incomplete rather than waited for.</summary>
    private static TimeSpan TimeoutFor(int recipients) => TimeSpan.FromSeconds(60 + recipients / 100.0);

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Waited 2 minutes for {what}.");
            }

            await Task.Delay(500);
        }
    }

    private void Say(string line) => log.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] {line}");
}
