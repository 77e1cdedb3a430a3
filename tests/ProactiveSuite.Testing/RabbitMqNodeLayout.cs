using System.Globalization;

namespace ProactiveSuite.Testing;

/// <summary>
/// Everything that makes a private RabbitMQ node private: its name, ports, files under its own temp directory,
/// and the environment that points rabbitmq-server and rabbitmqctl at them (and away from /etc/rabbitmq).
/// </summary>
internal sealed class RabbitMqNodeLayout
{
    public const string Host = "127.0.0.1";

    private RabbitMqNodeLayout(string shortName, string directory, int amqpPort, int distributionPort)
    {
        ShortName = shortName;
        Directory = directory;
        AmqpPort = amqpPort;
        DistributionPort = distributionPort;
    }

    /// <summary>All private nodes of all test runs live under this folder (see <see cref="RabbitMqOrphanReaper"/>).</summary>
    public static string NodesRoot { get; } = Path.Combine(Path.GetTempPath(), "proactivesuite-rabbitmq");

    public string ShortName { get; }

    public string NodeName => ShortName + "@localhost";

    public string Directory { get; }

    public int AmqpPort { get; }

    public int DistributionPort { get; }

    public Uri AmqpUri => new(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@{Host}:{AmqpPort}/"));

    public string HomeDirectory => Path.Combine(Directory, "home");

    public string MnesiaBase => Path.Combine(Directory, "mnesia");

    public string LogBase => Path.Combine(Directory, "log");

    public string PidFile => Path.Combine(Directory, "rabbitmq.pid");

    public string OwnerFile => Path.Combine(Directory, "owner.pid");

    public string ServerOutputFile => Path.Combine(Directory, "server.out");

    public string NodeLogFile => Path.Combine(LogBase, NodeName + ".log");

    private string ConfigFile => Path.Combine(Directory, "rabbitmq.conf");

    private string EnabledPluginsFile => Path.Combine(Directory, "enabled_plugins");

    private string EnvConfigFile => Path.Combine(Directory, "rabbitmq-env.conf");

    /// <summary>Chooses a fresh name and fresh ports and writes the node's files.</summary>
    public static RabbitMqNodeLayout Create()
    {
        var shortName = string.Create(
            CultureInfo.InvariantCulture,
            $"psuite-{Environment.ProcessId}-{Random.Shared.Next():x8}");
        var layout = new RabbitMqNodeLayout(shortName, Path.Combine(NodesRoot, shortName), FreePort.Next(), FreePort.Next());
        layout.WriteFiles();
        return layout;
    }

    /// <summary>Environment for rabbitmq-server and rabbitmqctl; inherited RABBITMQ_* variables are dropped.</summary>
    public void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var inherited in environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(inherited);
        }

        environment["HOME"] = HomeDirectory; // the Erlang cookie is created in and read from $HOME
        environment["RABBITMQ_NODENAME"] = NodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = Host;
        environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_MNESIA_BASE"] = MnesiaBase;
        environment["RABBITMQ_LOG_BASE"] = LogBase;
        environment["RABBITMQ_PID_FILE"] = PidFile;
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = EnabledPluginsFile;
        environment["RABBITMQ_CONFIG_FILE"] = ConfigFile;
        environment["RABBITMQ_CONFIG_FILES"] = Path.Combine(Directory, "conf.d"); // instead of /etc/rabbitmq/conf.d
        environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Directory, "advanced.config"); // does not exist
        environment["RABBITMQ_CONF_ENV_FILE"] = EnvConfigFile;
        // Erlang distribution (used by rabbitmqctl) on loopback only.
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
    }

    private void WriteFiles()
    {
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(HomeDirectory);
        System.IO.Directory.CreateDirectory(MnesiaBase);
        System.IO.Directory.CreateDirectory(LogBase);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "conf.d"));
        File.WriteAllText(OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(EnabledPluginsFile, "[].\n"); // no management plugin, so nothing binds 15672
        File.WriteAllText(EnvConfigFile, "# private test node: ignore /etc/rabbitmq/rabbitmq-env.conf\n");
        File.WriteAllText(
            ConfigFile,
            string.Create(
                CultureInfo.InvariantCulture,
                $"""
                listeners.tcp.1 = {Host}:{AmqpPort}
                # Test machines may have little free disk; a disk alarm would silently block publishers.
                disk_free_limit.absolute = 1MB
                log.file.level = info

                """));
    }
}
