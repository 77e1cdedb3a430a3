using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProactiveSuite.Dispatcher;
using ProactiveSuite.Gateway;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.Testing;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The probes of the Kubernetes manifests and the health check of compose and the Dockerfiles, run against
/// the services themselves, composed from their own extension methods and serving on loopback HTTP (with the
/// embedded store and in-memory bus: the probes do not depend on the transport).
/// </summary>
public sealed class ServiceProbeTests
{
    private static readonly string[] Probes = ["startupProbe", "readinessProbe", "livenessProbe"];

    public static TheoryData<string> Services() => [.. KubernetesManifests.Services.Keys];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_probe_path_of_the_manifests_answers_200_from_the_running_service(string service)
    {
        await using var running = await RunningService.StartAsync(service, healthy: true);
        var container = KubernetesManifests.Container(KubernetesManifests.Deployment(service));
        var paths = Probes
            .Select(probe => container[probe]["httpGet"]["path"].Required())
            .Distinct();

        foreach (var path in paths)
        {
            using var response = await running.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service}: GET {path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_service_that_is_not_ready_fails_its_readiness_probe_but_stays_alive()
    {
        await using var running = await RunningService.StartAsync("registry", healthy: false);
        var container = KubernetesManifests.Container(KubernetesManifests.Deployment("registry"));

        using var readiness = await running.Client.GetAsync(new Uri(container["readinessProbe"]["httpGet"]["path"].Required(), UriKind.Relative));
        using var liveness = await running.Client.GetAsync(new Uri(container["livenessProbe"]["httpGet"]["path"].Required(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
    }

    [Fact]
    public async Task The_compose_health_check_passes_on_a_healthy_service_and_fails_on_an_unhealthy_or_absent_one()
    {
        await using (var healthy = await RunningService.StartAsync("registry", healthy: true))
        {
            Assert.Equal(0, await RunComposeHealthCheckAsync(healthy.Port));
        }

        await using (var unhealthy = await RunningService.StartAsync("registry", healthy: false))
        {
            Assert.NotEqual(0, await RunComposeHealthCheckAsync(unhealthy.Port));
        }

        Assert.NotEqual(0, await RunComposeHealthCheckAsync(UnusedPort()));
    }

    /// <summary>Runs the command of docker-compose.yml's service health check, aimed at <paramref name="port"/> instead of 8080.</summary>
    private static async Task<int> RunComposeHealthCheckAsync(int port)
    {
        var test = YamlNode.Load("docker-compose.yml")["services"]["registry"]["healthcheck"]["test"].Items.Select(i => i.Required()).ToList();
        Assert.Equal("CMD", test[0]);
        var start = new ProcessStartInfo(test[1]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in test.Skip(2))
        {
            start.ArgumentList.Add(argument.Replace("/127.0.0.1/8080", $"/127.0.0.1/{port}", StringComparison.Ordinal));
        }

        Assert.Contains($"/127.0.0.1/{port}", start.ArgumentList[^1], StringComparison.Ordinal);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RunningService : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _dataDirectory;

        private RunningService(WebApplication app, string dataDirectory, int port)
        {
            _app = app;
            _dataDirectory = dataDirectory;
            Port = port;
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        }

        public int Port { get; }

        public HttpClient Client { get; }

        public static async Task<RunningService> StartAsync(string service, bool healthy)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("proactivesuite-probe-").FullName;
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ApplicationName = KubernetesManifests.Services[service],
                EnvironmentName = "Production",
                ContentRootPath = dataDirectory,
            });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Store:EmbeddedDirectory"] = dataDirectory,
                ["Bot:AllowUnauthenticatedLocalUse"] = "true",
            });
            builder.AddServiceDefaults(defaultUrl: "http://127.0.0.1:0");
            Action<WebApplication> map = service switch
            {
                "gateway" => app => app.MapGateway(),
                "registry" => app => app.MapRegistry(),
                "dispatcher" => app => app.MapDispatcher(),
                _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not a ProactiveSuite service"),
            };
            _ = service switch
            {
                "gateway" => builder.AddGateway(),
                "registry" => builder.AddRegistry(),
                _ => builder.AddDispatcher(),
            };
            builder.AddMessageBus();
            if (!healthy)
            {
                builder.Services.AddHealthChecks().AddCheck("not-ready", () => HealthCheckResult.Unhealthy("the test says so"));
            }

            var app = builder.Build();
            app.MapDefaultEndpoints();
            map(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new RunningService(app, dataDirectory, new Uri(address).Port);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a background writer: the temporary folder is left behind, nothing more.
            }
        }
    }
}
