using System.Globalization;

namespace ProactiveSuite.Bench;

/// <summary>The command line: <c>--json PATH [--quick] [--name value ...]</c>; every size has a full and a quick default.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/ProactiveSuite.Bench -- --json artifacts/bench.json [--quick] [options]

          --json PATH                where the figures go as JSON (default artifacts/bench.json)
          --quick                    small sizes, for a fast check (about 80 seconds; a full run takes about 5 minutes)
          --pipeline N               recipients of each pipeline-capacity broadcast (full 20000, quick 3000)
          --scale N                  recipients of the scale broadcast (full 100000, quick 10000)
          --saturation-rate N        the per-tenant limit of the saturation run, per second (200)
          --saturation-seconds N     how long the saturation broadcast lasts at that rate (full 30, quick 8)
          --low-saturation-rate N    the per-tenant limit of the saturation phase's low-rate run, per second (20): at a
                                     low rate every pacing slot is on a window's edge
          --sequential N             ContinueConversationAsync calls of the classic sample's loop (full 100, quick 30)
          --capture-requests N       /api/messages requests per Gateway for the capture overhead (full 2000, quick 300)
          --warm-up N                recipients of the unmeasured broadcast before each pipeline (full 10000, quick 3000)
          --concurrency N            Dispatcher:Delivery:ConcurrentDeliveries of the measured Dispatchers (256)
          --latency-ms N             the emulator's latency on every connector call (50)
          --tenants N                tenants the pipeline and scale recipients are spread over (100)
          --api-key KEY              the operator API key the services accept and the benchmark sends as X-Api-Key
                                     (default: BENCH_API_KEY, else a fixed benchmark key)
          --service-log-level LEVEL  Logging:LogLevel:Default of the services (Warning)
          --store-dir DIR            where the services' embedded store files go (default: the temp folder, on disk)
          --only LIST                comma-separated phases to run: ceiling,sequential,rabbitmq,scale,saturation,capture,embedded
        """;

    public string JsonPath { get; init; } = Path.Combine("artifacts", "bench.json");

    public bool Quick { get; init; }

    public int PipelineRecipients { get; init; } = 20_000;

    public int ScaleRecipients { get; init; } = 100_000;

    public int SaturationRate { get; init; } = 200;

    public int SaturationSeconds { get; init; } = 30;

    public int LowSaturationRate { get; init; } = 20;

    public int SequentialCalls { get; init; } = 100;

    public int CaptureRequests { get; init; } = 2_000;

    public int WarmUpRecipients { get; init; } = 10_000;

    public int Concurrency { get; init; } = 256;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(50);

    public int Tenants { get; init; } = 100;

    public string ApiKey { get; init; } = Environment.GetEnvironmentVariable("BENCH_API_KEY") is { Length: > 0 } key ? key : "bench-operator-key-0123456789";

    public string ServiceLogLevel { get; init; } = "Warning";

    public string StoreDirectory { get; init; } = Path.GetTempPath();

    public IReadOnlySet<string> Phases { get; init; } = AllPhases;

    public static IReadOnlySet<string> AllPhases { get; } = new HashSet<string>(["ceiling", "sequential", "rabbitmq", "scale", "saturation", "capture", "embedded"], StringComparer.Ordinal);

    public int SaturationRecipients => SaturationRate * SaturationSeconds;

    public int LowSaturationRecipients => LowSaturationRate * SaturationSeconds;

    public bool Runs(string phase) => Phases.Contains(phase);

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> with the reason for a bad one.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var options = quick
            ? new BenchOptions { Quick = true, PipelineRecipients = 3_000, ScaleRecipients = 10_000, SaturationSeconds = 8, SequentialCalls = 30, CaptureRequests = 300, WarmUpRecipients = 3_000 }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i]} needs a positive whole number.");
            options = args[i] switch
            {
                "--quick" => options,
                "--json" => options with { JsonPath = Value() },
                "--pipeline" => options with { PipelineRecipients = Number() },
                "--scale" => options with { ScaleRecipients = Math.Min(Number(), 100_000) },
                "--saturation-rate" => options with { SaturationRate = Number() },
                "--saturation-seconds" => options with { SaturationSeconds = Number() },
                "--low-saturation-rate" => options with { LowSaturationRate = Number() },
                "--sequential" => options with { SequentialCalls = Number() },
                "--capture-requests" => options with { CaptureRequests = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--warm-up" => options with { WarmUpRecipients = Number() },
                "--latency-ms" => options with { Latency = TimeSpan.FromMilliseconds(Number()) },
                "--tenants" => options with { Tenants = Number() },
                "--api-key" => options with { ApiKey = Value() },
                "--service-log-level" => options with { ServiceLogLevel = Value() },
                "--store-dir" => options with { StoreDirectory = Value() },
                "--only" => options with { Phases = OnlyPhases(Value()) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static HashSet<string> OnlyPhases(string list)
    {
        var phases = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = phases.Except(AllPhases).ToList();
        return unknown.Count == 0 ? phases : throw new ArgumentException($"Unknown phase(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllPhases)}.");
    }
}
