using System.Net;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>A broker outage as the orchestrator sees it: readiness follows the bus, liveness does not.</summary>
public sealed class BrokerOutageTests(RabbitMqSystem system) : IClassFixture<RabbitMqSystem>
{
    [Fact]
    public async Task Every_service_is_not_ready_while_the_broker_is_away_stays_alive_and_is_ready_again_after()
    {
        Assert.SkipWhen(!system.Broker.IsPrivate, "NOT RUN: RABBITMQ_URI names a shared broker, which this test would have to stop.");
        var ct = TestContext.Current.CancellationToken;
        Uri[] services = [system.GatewayUrl, system.RegistryUrl, system.DispatcherUrl];
        Assert.All(await StatusesAsync(services, "/health"), s => Assert.Equal(HttpStatusCode.OK, s));

        await system.Broker.StopAsync();
        try
        {
            await Eventually.Until(
                async () => (await StatusesAsync(services, "/health")).All(s => s == HttpStatusCode.ServiceUnavailable) ? "" : null,
                "every service's /health to answer 503 while the broker is away",
                system.Logs);
            Assert.All(await StatusesAsync(services, "/alive"), s => Assert.Equal(HttpStatusCode.OK, s));
        }
        finally
        {
            await system.Broker.StartAgainAsync(ct);
        }

        await Eventually.Until(
            async () => (await StatusesAsync(services, "/health")).All(s => s == HttpStatusCode.OK) ? "" : null,
            "every service's /health to answer 200 once the broker is back",
            system.Logs);
    }

    private async Task<HttpStatusCode[]> StatusesAsync(IEnumerable<Uri> services, string path) =>
        await Task.WhenAll(services.Select(async url => (await system.Http.GetAsync(new Uri(url, path), TestContext.Current.CancellationToken)).StatusCode));
}
