using System.Runtime.InteropServices;

namespace ProactiveSuite.Testing;

/// <summary>POSIX signals for processes we started (.NET's Process only offers SIGKILL).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>Asks a process to shut down gracefully (SIGTERM). False if it no longer exists.</summary>
    public static bool Terminate(int pid) => pid > 0 && Send(pid, SigTerm);

    /// <summary>SIGKILL for a process that is not our child (so no Process object to kill).</summary>
    public static bool Kill(int pid) => pid > 0 && Send(pid, SigKill);

    /// <summary>SIGKILL for every process of a process group (e.g. one started through setsid).</summary>
    public static bool KillGroup(int groupId) => groupId > 1 && groupId != Environment.ProcessId && Send(-groupId, SigKill);

    /// <summary>Whether a process with this id exists (signal 0 checks without sending anything).</summary>
    public static bool Exists(int pid) => pid > 0 && Send(pid, 0);

    private static bool Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new PlatformNotSupportedException("POSIX signals are only available on Unix.");
        }

        return pid != 0 && pid != -1 && NativeMethods.kill(pid, signal) == 0;
    }

    private static partial class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for no benefit here
        internal static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}
