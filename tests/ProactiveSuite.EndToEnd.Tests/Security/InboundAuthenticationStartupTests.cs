using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>A Gateway without an app id: it does not start unless told it is a local run, and then it says so loudly.</summary>
public sealed class InboundAuthenticationStartupTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-startup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Without_an_app_id_the_gateway_refuses_to_start()
    {
        var url = ServiceEnvironment.LoopbackUrl(FreePort.Next());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartGatewayAsync(url, ServiceEnvironment.For(url, _dataDirectory, "gateway", rabbitMqUri: null)));

        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:MicrosoftAppId is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowUnauthenticatedLocalUse=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_unauthenticated_local_use_starts_with_a_loud_warning()
    {
        var url = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        var environment = ServiceEnvironment.For(url, _dataDirectory, "gateway-local", rabbitMqUri: null);
        environment["Bot__AllowUnauthenticatedLocalUse"] = "true";

        await using var gateway = await StartGatewayAsync(url, environment);

        Assert.Contains("INBOUND AUTHENTICATION IS OFF", gateway.LogTail(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static Task<ServiceProcess> StartGatewayAsync(Uri url, IReadOnlyDictionary<string, string> environment) =>
        ServiceProcess.StartAsync("startup-gateway", RepositoryPaths.ServiceDll("ProactiveSuite.Gateway"), environment, new Uri(url, "/health"), TestContext.Current.CancellationToken);
}
