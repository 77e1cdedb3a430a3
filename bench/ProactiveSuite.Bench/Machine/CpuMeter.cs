using System.Diagnostics;

namespace ProactiveSuite.Bench.Machine;

/// <summary>
/// Measures how much CPU each process of the system used during one phase, and how much the rest of the machine
/// used meanwhile: which process saturates the cores is the first question of any profile.
/// </summary>
public sealed class CpuMeter
{
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, double> _start;
    private readonly (double Busy, double Total) _machineStart;
    private readonly long _started = Stopwatch.GetTimestamp();

    private CpuMeter(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _start = processes.ToDictionary(p => p.Key, p => ProcFs.CpuSeconds(p.Value) ?? 0);
        _machineStart = ProcFs.MachineCpuSeconds();
    }

    /// <summary>Starts measuring the named processes (name: pid).</summary>
    public static CpuMeter Start(IReadOnlyDictionary<string, int> processes) => new(processes);

    /// <summary>The CPU each process used since the start, in cores (1.0 = one core busy all the time).</summary>
    public CpuProfile Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var used = _processes.ToDictionary(p => p.Key, p => Math.Max(0, (ProcFs.CpuSeconds(p.Value) ?? _start[p.Key]) - _start[p.Key]));
        var machine = ProcFs.MachineCpuSeconds();
        var machineBusy = machine.Busy - _machineStart.Busy;
        var cores = (machine.Total - _machineStart.Total) / Math.Max(wall, 1e-9);
        return new CpuProfile(
            Math.Round(wall, 2),
            used.ToDictionary(u => u.Key, u => Math.Round(u.Value / wall, 2)),
            Math.Round(Math.Max(0, machineBusy - used.Values.Sum()) / wall, 2),
            Math.Round(machineBusy / wall, 2),
            Math.Round(cores, 1));
    }
}

/// <param name="WallSeconds">How long the phase took.</param>
/// <param name="CoresByProcess">Average cores each process kept busy.</param>
/// <param name="OtherCores">Average cores busy with anything else on the machine (other runs, the kernel).</param>
/// <param name="MachineBusyCores">Average cores busy in total.</param>
/// <param name="MachineCores">How many cores the machine has (as counted by /proc/stat over the phase).</param>
public sealed record CpuProfile(
    double WallSeconds,
    IReadOnlyDictionary<string, double> CoresByProcess,
    double OtherCores,
    double MachineBusyCores,
    double MachineCores)
{
    /// <summary>e.g. "dispatcher 1.31, broker 0.40, bench 0.22, other 0.02 of 2 cores".</summary>
    public string Describe() =>
        string.Join(", ", CoresByProcess.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0.00}"))
        + $", other {OtherCores:0.00} (busy {MachineBusyCores:0.00} of {MachineCores:0} cores)";
}
