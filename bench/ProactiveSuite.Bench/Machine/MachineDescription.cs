using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ProactiveSuite.Bench.Machine;

/// <summary>The machine a run was measured on, as docs/benchmarks.md reports it.</summary>
/// <param name="Cores">nproc.</param>
/// <param name="MemoryGiB">MemTotal.</param>
/// <param name="CpuModel">The first "model name" of /proc/cpuinfo.</param>
/// <param name="DotnetSdk">The SDK version from <c>dotnet --info</c>.</param>
/// <param name="Runtime">The runtime the benchmark ran on.</param>
/// <param name="RabbitMq">The installed rabbitmq-server package version.</param>
/// <param name="Kernel">The Linux kernel release.</param>
/// <param name="LoadAverageAtStart">The 1-minute load average when the run started (other work on the machine).</param>
public sealed record MachineDescription(
    int Cores,
    double MemoryGiB,
    string CpuModel,
    string DotnetSdk,
    string Runtime,
    string RabbitMq,
    string Kernel,
    double LoadAverageAtStart)
{
    public static async Task<MachineDescription> DescribeAsync()
    {
        var memoryKiB = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var dotnetInfo = await OutputOfAsync("dotnet", "--info");
        var sdk = dotnetInfo.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Version:", StringComparison.Ordinal))?["Version:".Length..].Trim() ?? "unknown";
        var rabbitMq = (await OutputOfAsync("dpkg-query", "-W -f=${Version} rabbitmq-server")).Trim();
        return new MachineDescription(
            Environment.ProcessorCount,
            Math.Round(long.Parse(memoryKiB, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1),
            cpu,
            sdk,
            RuntimeInformation.FrameworkDescription,
            rabbitMq.Length > 0 ? rabbitMq : "unknown",
            (await OutputOfAsync("uname", "-r")).Trim(),
            ProcFs.LoadAverage1());
    }

    private static async Task<string> OutputOfAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return "";
            }

            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
