using System.Globalization;
using MassTransit;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Testing;

namespace ProactiveSuite.Bench.Deployment;

/// <summary>
/// Everything one run measures against: the channel emulator (in this process, on its own loopback port), a private
/// RabbitMQ node with this benchmark's own MassTransit bus on it, and the services as OS processes, each with its own
/// embedded store file, started and stopped per phase. Disposing it stops everything it started.
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly Dictionary<string, RunningService> _services = new(StringComparer.Ordinal);
    private IBusControl? _bus;

    private BenchSystem(BenchOptions options, ChannelEmulatorServer channel)
    {
        _dataDirectory = Path.Combine(Path.GetFullPath(options.StoreDirectory), "psuite-bench-" + Guid.NewGuid().ToString("N"));
        Options = options;
        Channel = channel;
    }

    public BenchOptions Options { get; }

    public ChannelEmulatorServer Channel { get; }

    public RabbitMqNode? Broker { get; private set; }

    /// <summary>The benchmark's own bus on the broker: it publishes as an enterprise service (or the Gateway) would.</summary>
    public IBus Bus => _bus ?? throw new InvalidOperationException("The broker is not started.");

    public static async Task<BenchSystem> StartAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var channel = await ChannelEmulatorServer.StartAsync(ct: cancellationToken);
        var system = new BenchSystem(options, channel);
        Directory.CreateDirectory(system._dataDirectory);
        return system;
    }

    /// <summary>Starts the private RabbitMQ node and the benchmark's bus on it.</summary>
    public async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        Broker = await RabbitMqNode.StartAsync(cancellationToken);
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(Broker.AmqpUri));
        await _bus.StartAsync(cancellationToken);
    }

    /// <summary>Stops the bus and the broker, so that a later phase has the cores to itself.</summary>
    public async Task StopBrokerAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
            _bus = null;
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
            Broker = null;
        }
    }

    /// <summary>The store file of a service of this run.</summary>
    public string StorePath(string name) => Path.Combine(_dataDirectory, name);

    /// <summary>Starts a service process (<paramref name="project"/>'s built dll) and waits until /health answers 200.</summary>
    public async Task<RunningService> StartServiceAsync(string name, string project, Uri url, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var process = await ServiceProcess.StartAsync(name, RepositoryPaths.ServiceDll(project), environment, new Uri(url, "/health"), cancellationToken);
        var service = new RunningService(name, process, url, new OperatorClient(url, Options.ApiKey));
        _services[name] = service;
        return service;
    }

    public async Task StopServiceAsync(string name)
    {
        if (_services.Remove(name, out var service))
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>The processes whose CPU a phase accounts for: this one (benchmark and emulator), the broker's, and every service's.</summary>
    public IReadOnlyDictionary<string, int> MeteredProcesses()
    {
        var processes = new Dictionary<string, int>(StringComparer.Ordinal) { ["bench+emulator"] = Environment.ProcessId };
        if (BrokerProcessId() is { } broker)
        {
            processes["broker"] = broker;
        }

        foreach (var service in _services.Values)
        {
            processes[service.Name] = service.Process.ProcessId;
        }

        return processes;
    }

    /// <summary>The broker's beam.smp, from the node's pid file.</summary>
    public int? BrokerProcessId()
    {
        var pidFile = Broker?.DataDirectory is { } directory ? Path.Combine(directory, "rabbitmq.pid") : null;
        return pidFile is not null && File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _services.Keys.ToList())
        {
            await StopServiceAsync(name);
        }

        await StopBrokerAsync();
        await Channel.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

/// <summary>A started service process, where it listens, and its operator API.</summary>
public sealed class RunningService(string name, ServiceProcess process, Uri url, OperatorClient operatorApi) : IAsyncDisposable
{
    public string Name => name;

    public ServiceProcess Process => process;

    public Uri Url => url;

    public OperatorClient Operator => operatorApi;

    public async ValueTask DisposeAsync()
    {
        operatorApi.Dispose();
        await process.DisposeAsync();
    }
}
