using System.Globalization;

namespace ProactiveSuite.Bench.Results;

/// <summary>The targets of issue 11, judged on a run's figures as they are (never adjusted).</summary>
public static class TargetJudge
{
    public const double PipelinePerSecond = 2_000;
    public const double CeilingShare = 0.35;
    public const double SequentialMultiple = 150;
    public const double EmbeddedPerSecond = 3_000;
    public const double SaturationShare = 0.98;
    public const double ThrottledShareBelow = 0.005;
    public const double PeakMBAtMost = 250;
    public const int ScaleRecipients = 100_000;
    public const double CaptureRatioAtMost = 1.05;

    public static IEnumerable<TargetVerdict> Judge(BenchReport report)
    {
        if (report.PipelineRabbitMq is { } pipeline)
        {
            yield return new(F($"RabbitMQ pipeline >= {PipelinePerSecond:#,0} deliveries/s"), F($"{pipeline.PerSecond:#,0.0}/s"), pipeline.PerSecond >= PipelinePerSecond && pipeline.Delivered == pipeline.Recipients);
            // The target is against the quorum queue's ceiling; the classic queue's is reported beside it.
            foreach (var ceiling in new[] { report.CeilingQuorum }.OfType<Measurements.CeilingResult>())
            {
                var share = pipeline.PerSecond / ceiling.PerSecond;
                yield return new(F($"RabbitMQ pipeline >= {CeilingShare} x MassTransit no-op ceiling ({ceiling.Queue} queue)"), F($"{share:0.00} x ({ceiling.PerSecond:#,0}/s)"), share >= CeilingShare);
            }

            if (report.Sequential is { } sequential)
            {
                var multiple = pipeline.PerSecond / sequential.PerSecond;
                yield return new(F($"RabbitMQ pipeline >= {SequentialMultiple} x the sequential sample"), F($"{multiple:0.0} x ({sequential.PerSecond:0.0}/s)"), multiple >= SequentialMultiple);
            }
        }

        if (report.PipelineEmbedded is { } embedded)
        {
            yield return new(F($"embedded default pipeline >= {EmbeddedPerSecond:#,0} deliveries/s"), F($"{embedded.Broadcast.PerSecond:#,0.0}/s"), embedded.Broadcast.PerSecond >= EmbeddedPerSecond && embedded.Broadcast.Delivered == embedded.Broadcast.Recipients);
        }

        if (report.Saturation is { } saturation)
        {
            yield return new(F($"saturation >= {SaturationShare} of the allowed rate"), F($"{saturation.AchievedRatio:0.000} ({saturation.AchievedPerSecond:0.0} of {saturation.AllowedPerSecond}/s)"), saturation.AchievedRatio >= SaturationShare);
            yield return new(F($"saturation: under {ThrottledShareBelow:P1} of sends answered 429"), F($"{saturation.ThrottledShare:P2} ({saturation.Broadcast.EmulatorThrottled} of {saturation.Broadcast.EmulatorSends + saturation.Broadcast.EmulatorThrottled})"), saturation.ThrottledShare < ThrottledShareBelow);
        }

        if (report.LowRateSaturation is { } low)
        {
            // Pacing alone must draw none (docs/reliability.md): the low rate puts every slot on a window's edge.
            yield return new(F($"low-rate saturation ({low.AllowedPerSecond}/s): no send answered 429"), F($"{low.Broadcast.EmulatorThrottled} of {low.Broadcast.EmulatorSends + low.Broadcast.EmulatorThrottled}"), low.Broadcast.EmulatorThrottled == 0);
        }

        if (report.Scale is { } scale)
        {
            var complete = scale.Broadcast.Delivered == scale.Broadcast.Recipients;
            yield return new(F($"a {ScaleRecipients:#,0}-recipient broadcast completes"), F($"{scale.Broadcast.Delivered:#,0} of {scale.Broadcast.Recipients:#,0} in {scale.Broadcast.Seconds:0.0} s"), complete && scale.Broadcast.Recipients >= ScaleRecipients);
            foreach (var (process, peak) in scale.PeakMB.Where(p => p.Key != "broker"))
            {
                yield return new(F($"{ScaleRecipients:#,0} broadcast: {process} peak <= {PeakMBAtMost} MB"), F($"{peak:0} MB (p99 command to delivery {scale.Broadcast.P99Seconds:0.0} s)"), peak <= PeakMBAtMost && scale.Broadcast.Recipients >= ScaleRecipients);
            }
        }

        if (report.Capture is { } capture)
        {
            yield return new(F($"capture overhead p50 ratio <= {CaptureRatioAtMost:0.00}"), F($"{capture.P50Ratio:0.000} ({capture.WithCapture.P50Milliseconds} vs {capture.WithoutCapture.P50Milliseconds} ms)"), capture.P50Ratio <= CaptureRatioAtMost);
            yield return new(F($"capture overhead p99 ratio <= {CaptureRatioAtMost:0.00}"), F($"{capture.P99Ratio:0.000} ({capture.WithCapture.P99Milliseconds} vs {capture.WithoutCapture.P99Milliseconds} ms)"), capture.P99Ratio <= CaptureRatioAtMost);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
