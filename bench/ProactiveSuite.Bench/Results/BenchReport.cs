using ProactiveSuite.Bench.Machine;
using ProactiveSuite.Bench.Measurements;

namespace ProactiveSuite.Bench.Results;

/// <summary>Everything one run measured: what is printed as the table and written as JSON.</summary>
public sealed class BenchReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required MachineDescription Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public double TotalSeconds { get; set; }

    public CeilingResult? CeilingQuorum { get; set; }

    public CeilingResult? CeilingClassic { get; set; }

    public SequentialResult? Sequential { get; set; }

    public SeedingResult? Seeding { get; set; }

    public BroadcastResult? PipelineRabbitMq { get; set; }

    public EmbeddedResult? PipelineEmbedded { get; set; }

    public ScaleResult? Scale { get; set; }

    public SaturationResult? Saturation { get; set; }

    /// <summary>The same at a low rate (<c>--low-saturation-rate</c>), where every pacing slot is on a window's edge.</summary>
    public SaturationResult? LowRateSaturation { get; set; }

    public CaptureResult? Capture { get; set; }

    /// <summary>The broadcasts before the measured ones (not counted): how fast a cold service starts.</summary>
    public List<BroadcastResult> WarmUps { get; } = [];

    public List<TargetVerdict> Targets { get; } = [];

    public List<string> Errors { get; } = [];
}

/// <summary>The sizes and settings of a run.</summary>
public sealed record BenchSettings(
    bool Quick,
    int PipelineRecipients,
    int ScaleRecipients,
    int Tenants,
    int SaturationRate,
    int SaturationRecipients,
    int LowSaturationRate,
    int SequentialCalls,
    int CaptureRequests,
    int ConcurrentDeliveries,
    double LatencyMilliseconds,
    string ServiceLogLevel,
    IReadOnlyCollection<string> Phases);

/// <param name="References">How many ReferenceCaptured were published.</param>
/// <param name="Seconds">From the first publish until the Registry found every one.</param>
/// <param name="PerSecond">References / Seconds.</param>
public sealed record SeedingResult(int References, double Seconds, double PerSecond, CpuProfile Cpu);

/// <param name="SeedSeconds">How long the seeding broadcast (creating every conversation) took.</param>
/// <param name="Broadcast">The measured broadcast.</param>
public sealed record EmbeddedResult(double SeedSeconds, BroadcastResult Broadcast);

/// <param name="Broadcast">The measured broadcast.</param>
/// <param name="PeakMB">Peak resident memory (VmHWM) of each process during the broadcast (the peak was reset just before it).</param>
/// <param name="PeakMBBefore">Each process's peak over its life before the broadcast (seeding, earlier phases).</param>
/// <param name="PeakWasReset">Whether the kernel let the peaks be reset; when not, <see cref="PeakMB"/> covers each process's whole life.</param>
/// <param name="CommandBytes">The size of the SendBroadcast command as JSON.</param>
/// <param name="LargestResident">Each process's largest sampled resident memory during the broadcast, and its parts.</param>
public sealed record ScaleResult(
    BroadcastResult Broadcast,
    IReadOnlyDictionary<string, double> PeakMB,
    IReadOnlyDictionary<string, double> PeakMBBefore,
    bool PeakWasReset,
    long CommandBytes,
    IReadOnlyDictionary<string, ResidentMemory> LargestResident);

/// <param name="AllowedPerSecond">The per-tenant limit the emulator enforced (and the Dispatcher paced to).</param>
/// <param name="AchievedPerSecond">Sends accepted in whole one-second windows from the first one, per second.</param>
/// <param name="WholeWindows">How many whole windows that counted.</param>
/// <param name="AchievedRatio">AchievedPerSecond / AllowedPerSecond.</param>
/// <param name="ThrottledShare">429s / all send attempts the emulator answered.</param>
/// <param name="MaxInAnyWindow">The most accepted sends in any one-second window (at most the limit, or the emulator would have refused).</param>
public sealed record SaturationResult(
    int AllowedPerSecond,
    double AchievedPerSecond,
    int WholeWindows,
    double AchievedRatio,
    double ThrottledShare,
    int MaxInAnyWindow,
    BroadcastResult Broadcast);

/// <summary>One target of the issue, and whether this run met it.</summary>
public sealed record TargetVerdict(string Target, string Measured, bool Met);
