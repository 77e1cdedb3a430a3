namespace ProactiveSuite.Testing;

/// <summary>Finds the rabbitmq-server and rabbitmqctl scripts installed on this machine.</summary>
internal sealed record RabbitMqInstallation(string ServerScript, string CtlScript)
{
    // Debian's /usr/sbin scripts are wrappers that `su rabbitmq` (dropping our environment) when run as root
    // and refuse to run for other users; the real scripts live here.
    private const string DebianScriptsDirectory = "/usr/lib/rabbitmq/bin";

    public static RabbitMqInstallation Locate()
    {
        var server = FindOnPath("rabbitmq-server")
            ?? (File.Exists("/usr/sbin/rabbitmq-server") ? "/usr/sbin/rabbitmq-server" : null)
            ?? throw new InvalidOperationException(
                "rabbitmq-server was not found (neither on PATH nor /usr/sbin/rabbitmq-server) and RABBITMQ_URI is not set. " +
                "Run tests/run.sh, which installs rabbitmq-server, or set RABBITMQ_URI to an existing broker " +
                "(e.g. amqp://guest:guest@localhost:5672/).");

        var directory = Path.GetDirectoryName(server)!;
        if (IsDebianWrapper(server) && File.Exists(Path.Combine(DebianScriptsDirectory, "rabbitmq-server")))
        {
            directory = DebianScriptsDirectory;
        }

        var serverScript = Path.Combine(directory, "rabbitmq-server");
        var ctlScript = Path.Combine(directory, "rabbitmqctl");
        if (!File.Exists(ctlScript))
        {
            throw new InvalidOperationException($"rabbitmqctl was not found next to {serverScript}; reinstall rabbitmq-server (tests/run.sh does).");
        }

        return new RabbitMqInstallation(serverScript, ctlScript);
    }

    private static bool IsDebianWrapper(string script)
    {
        try
        {
            return File.ReadAllText(script).Contains(DebianScriptsDirectory, StringComparison.Ordinal);
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

    private static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
