using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>A service with operator APIs but no operator credentials says why everyone gets 401.</summary>
public sealed class OperatorCredentialsStartupTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "psuite-operators-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_registry_without_operator_credentials_warns_at_start_up_and_refuses_everyone()
    {
        var url = ServiceEnvironment.LoopbackUrl(FreePort.Next());
        var environment = ServiceEnvironment.For(url, _dataDirectory, "registry", rabbitMqUri: null);
        environment.Remove("OperatorAuthentication__ApiKeys__0");

        await using var registry = await ServiceProcess.StartAsync("keyless-registry", RepositoryPaths.ServiceDll("ProactiveSuite.Registry"), environment, new Uri(url, "/health"), TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ServiceEnvironment.OperatorApiKey);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(url, "/references/emulator/ada"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("No operator credentials are configured", registry.LogTail(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
