using System.Globalization;
using ProactiveSuite.Bench.Measurements;

namespace ProactiveSuite.Bench.Results;

/// <summary>The printed table of a run: what docs/benchmarks.md shows.</summary>
public static class ReportTable
{
    public static void Print(BenchReport report, TextWriter output)
    {
        var m = report.Machine;
        var s = report.Settings;
        Line(output, $"ProactiveSuite benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {(s.Quick ? "QUICK run (small sizes)" : "full run")}, {report.TotalSeconds:0} s in total");
        Line(output, $"machine: {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB} GiB, Linux {m.Kernel}, .NET SDK {m.DotnetSdk} ({m.Runtime}), RabbitMQ {m.RabbitMq}; load average at start {m.LoadAverageAtStart:0.00}");
        Line(output, $"settings: emulator latency {s.LatencyMilliseconds:0} ms, {s.ConcurrentDeliveries} concurrent deliveries per Dispatcher, {s.Tenants} tenants, service log level {s.ServiceLogLevel}");
        output.WriteLine();

        Line(output, $"PIPELINE CAPACITY (pacing off)                      {"n",8} {"seconds",8} {"per s",9} {"steady/s",9} {"p50 s",7} {"p99 s",7}");
        Broadcast(output, "RabbitMQ: Registry + Dispatcher processes", report.PipelineRabbitMq);
        Broadcast(output, "embedded default: Host process, in-memory bus", report.PipelineEmbedded?.Broadcast);
        Ceiling(output, report.CeilingQuorum);
        Ceiling(output, report.CeilingClassic);
        if (report.Sequential is { } sequential)
        {
            Line(output, $"  {"classic sample: sequential ContinueConversationAsync",-50} {sequential.Calls,8} {sequential.Seconds,8:0.00} {sequential.PerSecond,9:0.0}   ({sequential.MillisecondsPerCall:0.0} ms per call)");
        }

        if (report.PipelineRabbitMq is { } rabbit)
        {
            var ratios = new List<string>();
            if (report.CeilingQuorum is { } quorum)
            {
                ratios.Add(F($"{rabbit.PerSecond / quorum.PerSecond:0.00} x MassTransit ceiling (quorum)"));
            }

            if (report.CeilingClassic is { } classic)
            {
                ratios.Add(F($"{rabbit.PerSecond / classic.PerSecond:0.00} x (classic)"));
            }

            if (report.Sequential is { } seq)
            {
                ratios.Add(F($"{rabbit.PerSecond / seq.PerSecond:0.0} x the sequential sample"));
            }

            Line(output, $"  RabbitMQ pipeline = {string.Join(", ", ratios)}");
            Line(output, $"  CPU during the RabbitMQ run (cores): {rabbit.Cpu.Describe()}");
            if (rabbit.Timeline.Select(t => t.DeliveriesQueued).Max() is { } peakQueue)
            {
                Line(output, $"  dispatcher-deliveries queue: at most {peakQueue} ready messages during the run");
            }
        }

        if (report.PipelineEmbedded is { } embedded)
        {
            Line(output, $"  embedded: {(report.Sequential is { } seq ? F($"{embedded.Broadcast.PerSecond / seq.PerSecond:0.0} x the sequential sample; ") : "")}seeded by a broadcast creating every conversation ({embedded.SeedSeconds:0.0} s)");
            Line(output, $"  CPU during the embedded run (cores): {embedded.Broadcast.Cpu.Describe()}");
        }

        if (report.Seeding is { } seeding)
        {
            Line(output, $"  RabbitMQ seeding: {seeding.References} ReferenceCaptured stored in {seeding.Seconds:0.0} s ({seeding.PerSecond:0}/s); CPU: {seeding.Cpu.Describe()}");
        }

        output.WriteLine();
        foreach (var saturation in new[] { report.Saturation, report.LowRateSaturation }.OfType<SaturationResult>())
        {
            var b = saturation.Broadcast;
            Line(output, $"RATE-LIMIT SATURATION (one tenant, Teams limits with {saturation.AllowedPerSecond}/s per tenant, pacing on{(saturation == report.LowRateSaturation ? ", no latency" : "")})");
            Line(output, $"  {b.Recipients} recipients: {saturation.AchievedPerSecond:0.0}/s achieved over {saturation.WholeWindows} whole seconds = {saturation.AchievedRatio:0.000} of allowed; at most {saturation.MaxInAnyWindow} in any 1 s");
            Line(output, $"  429s: {b.EmulatorThrottled} of {b.EmulatorSends + b.EmulatorThrottled} sends ({saturation.ThrottledShare:P2}); delivered {b.Delivered}, last after {b.Seconds:0.0} s");
            Line(output, $"  CPU (cores): {b.Cpu.Describe()}");
            output.WriteLine();
        }

        if (report.Scale is { } scale)
        {
            var b = scale.Broadcast;
            Line(output, $"SCALE (RabbitMQ, one broadcast, explicit list, pacing off; command {scale.CommandBytes / 1e6:0.0} MB)");
            Line(output, $"  {b.Delivered} of {b.Recipients} delivered in {b.Seconds:0.0} s ({b.PerSecond:0}/s); command to delivery p50 {b.P50Seconds:0.00} s, p99 {b.P99Seconds:0.00} s; first after {b.FirstDeliverySeconds:0.00} s");
            Line(output, $"  peak memory during the broadcast (VmHWM{(scale.PeakWasReset ? ", reset before it" : ", whole life")}): {string.Join(", ", scale.PeakMB.Select(p => F($"{p.Key} {p.Value:0} MB")))}");
            Line(output, $"  peak memory before it (seeding, earlier phases): {string.Join(", ", scale.PeakMBBefore.Select(p => F($"{p.Key} {p.Value:0} MB")))}");
            Line(output, $"  largest sample, anonymous (GC heap, runtime, native) / files / JIT code (shmem): {string.Join(", ", scale.LargestResident.Select(p => F($"{p.Key} {p.Value.TotalMB:0} = {p.Value.AnonymousMB:0} + {p.Value.FileMB:0} + {p.Value.SharedMB:0} MB")))}");
            Line(output, $"  CPU (cores): {b.Cpu.Describe()}");
            output.WriteLine();
        }

        if (report.Capture is { } capture)
        {
            Line(output, $"CAPTURE OVERHEAD (Gateway /api/messages, {capture.Requests} requests each, one at a time)   {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"mean",8}");
            Latency(output, "with capture (publishes ReferenceCaptured)", capture.WithCapture);
            Latency(output, "without (Gateway:CaptureReferences=false)", capture.WithoutCapture);
            Line(output, $"  ratio with / without: p50 {capture.P50Ratio:0.000}, p99 {capture.P99Ratio:0.000}");
            output.WriteLine();
        }

        output.WriteLine("TARGETS");
        foreach (var target in report.Targets)
        {
            Line(output, $"  [{(target.Met ? "met" : "MISSED")}] {target.Target}: {target.Measured}");
        }

        foreach (var error in report.Errors)
        {
            Line(output, $"  [ERROR] {error}");
        }
    }

    private static void Broadcast(TextWriter output, string name, BroadcastResult? result)
    {
        if (result is null)
        {
            return;
        }

        var incomplete = result.Delivered < result.Recipients ? F($"   INCOMPLETE: {result.Delivered} of {result.Recipients}") : "";
        Line(output, $"  {name,-50} {result.Recipients,8} {result.Seconds,8:0.00} {result.PerSecond,9:0.0} {result.SteadyPerSecond,9:0.0} {result.P50Seconds,7:0.00} {result.P99Seconds,7:0.00}{incomplete}");
    }

    private static void Ceiling(TextWriter output, CeilingResult? ceiling)
    {
        if (ceiling is not null)
        {
            Line(output, $"  {"MassTransit no-op ceiling, " + ceiling.Queue + " queue",-50} {ceiling.Messages,8} {ceiling.Seconds,8:0.00} {ceiling.PerSecond,9:0.0}");
        }
    }

    private static void Latency(TextWriter output, string name, LatencyStats stats) =>
        Line(output, $"  {name,-86} {stats.P50Milliseconds,8:0.00} {stats.P90Milliseconds,8:0.00} {stats.P99Milliseconds,8:0.00} {stats.MeanMilliseconds,8:0.00}");

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
