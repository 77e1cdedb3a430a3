using System.Globalization;

namespace ProactiveSuite.Testing;

/// <summary>
/// Removes private nodes left behind by test runs whose process no longer exists: kills their beam.smp
/// (only if its command line still names that node's directory) and deletes their directory.
/// </summary>
internal static class RabbitMqOrphanReaper
{
    public static void ReapOrphans()
    {
        if (!Directory.Exists(RabbitMqNodeLayout.NodesRoot))
        {
            return;
        }

        foreach (var nodeDirectory in Directory.EnumerateDirectories(RabbitMqNodeLayout.NodesRoot))
        {
            try
            {
                var ownerPid = ReadPid(Path.Combine(nodeDirectory, "owner.pid"));
                if (ownerPid is null || ProcessSignals.Exists(ownerPid.Value))
                {
                    continue; // a live run's node (or one being created right now)
                }

                var nodePid = ReadPid(Path.Combine(nodeDirectory, "rabbitmq.pid"));
                if (nodePid is not null && CommandLineMentions(nodePid.Value, nodeDirectory))
                {
                    ProcessSignals.Kill(nodePid.Value);
                    Thread.Sleep(200);
                }

                Directory.Delete(nodeDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: never fail a test run because of another run's leftovers
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static int? ReadPid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    private static bool CommandLineMentions(int pid, string text)
    {
        var cmdline = $"/proc/{pid}/cmdline";
        return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(text, StringComparison.Ordinal);
    }
}
