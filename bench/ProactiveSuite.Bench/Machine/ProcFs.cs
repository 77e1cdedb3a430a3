using System.Globalization;

namespace ProactiveSuite.Bench.Machine;

/// <summary>
/// What Linux says about a process and the machine in /proc: CPU time, resident memory and its peak. The profile of
/// a run is made of these, since dotnet-trace and dotnet-counters cannot be installed here.
/// </summary>
public static class ProcFs
{
    // USER_HZ: the unit of the times in /proc/<pid>/stat and /proc/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds the process has used so far; null once it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        var stat = ReadOrNull($"/proc/{pid}/stat");
        if (stat is null)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Peak resident memory (VmHWM) in MB (10^6 bytes) since start or since <see cref="ResetPeak"/>; null once gone.</summary>
    public static double? PeakResidentMB(int pid) => StatusKiB(pid, "VmHWM:") * 1024 / 1e6;

    /// <summary>Resident memory (VmRSS) in MB (10^6 bytes) now; null once gone.</summary>
    public static double? ResidentMB(int pid) => StatusKiB(pid, "VmRSS:") * 1024 / 1e6;

    /// <summary>
    /// What the resident memory is made of now, in MB: anonymous (the GC heap, the runtime's and native
    /// allocations), file-backed (the mapped assemblies and native libraries) and shared memory (on Linux the JIT's
    /// code is mapped twice, writable and executable, from a memfd, and counted here); null once gone.
    /// </summary>
    public static ResidentMemory? Resident(int pid) =>
        StatusKiB(pid, "VmRSS:") is { } rss
            ? new ResidentMemory(
                Math.Round(rss * 1024 / 1e6, 1),
                Math.Round((StatusKiB(pid, "RssAnon:") ?? 0) * 1024 / 1e6, 1),
                Math.Round((StatusKiB(pid, "RssFile:") ?? 0) * 1024 / 1e6, 1),
                Math.Round((StatusKiB(pid, "RssShmem:") ?? 0) * 1024 / 1e6, 1))
            : null;

    /// <summary>
    /// Starts the process's peak (VmHWM) again from its current resident memory (writing 5 to clear_refs), so that
    /// the peak of one phase can be read; false when the kernel or our rights do not allow it.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Busy and total CPU seconds of the whole machine (all cores) since boot, from /proc/stat.</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4]; // idle + iowait
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The 1-minute load average, to show what else the machine was doing.</summary>
    public static double LoadAverage1() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static long? StatusKiB(int pid, string field)
    {
        var status = ReadOrNull($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null
            ? null
            : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Resident memory and its parts, in MB (10^6 bytes).</summary>
public sealed record ResidentMemory(double TotalMB, double AnonymousMB, double FileMB, double SharedMB);
