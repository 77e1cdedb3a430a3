using System.Diagnostics;
using System.Globalization;

namespace ProactiveSuite.Testing;

/// <summary>
/// A tiny shell loop that SIGKILLs a child process, or a whole process group (a broker: sh, beam.smp and its
/// helpers), once the test process is gone, so a test host that crashes or is killed leaves nothing running.
/// It ignores SIGINT/SIGHUP (as the broker does), so Ctrl+C on the test run cannot kill it and spare the broker.
/// </summary>
internal sealed class OrphanWatchdog : IDisposable
{
    // $0: the test process; $1: the pid to watch; $2: "group" to also watch and kill the process group led by $1
    // (created by setsid right after start, so it may not exist yet). dash's kill takes "-pgid" but no "--".
    private const string Script = """
        trap '' INT HUP
        alive() { kill -0 "$1" 2>/dev/null || { [ "$2" = group ] && kill -0 -"$1" 2>/dev/null; }; }
        while alive "$1" "$2"; do
          if ! kill -0 "$0" 2>/dev/null; then
            [ "$2" = group ] && kill -KILL -"$1" 2>/dev/null
            kill -KILL "$1" 2>/dev/null
            exit 0
          fi
          sleep 1
        done
        """;

    private readonly Process? _process;

    private OrphanWatchdog(Process? process) => _process = process;

    /// <summary>Watches one process.</summary>
    public static OrphanWatchdog WatchProcess(int pid) => Start(pid, "process");

    /// <summary>Watches a process that leads (or is about to lead, via setsid) a process group, and kills all of it.</summary>
    public static OrphanWatchdog WatchProcessGroup(int leaderPid) => Start(leaderPid, "group");

    private static OrphanWatchdog Start(int pid, string mode)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            // Own pipes (never read): the watchdog must not hold the test run's stdout open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)); // $0
        startInfo.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture)); // $1
        startInfo.ArgumentList.Add(mode); // $2
        try
        {
            return new OrphanWatchdog(Process.Start(startInfo));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new OrphanWatchdog(null); // no /bin/sh: the orphan reaper still cleans up on the next run
        }
    }

    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true); // with its "sleep 1"
                _process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}
