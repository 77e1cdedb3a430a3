using System.Net;
using System.Net.Http.Json;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// A broker outage as the orchestrator and the channel see it: readiness follows the bus, liveness does not, and
/// a user's message is answered 503 with Retry-After (not held until the broker is back), then taken when redelivered.
/// </summary>
public abstract class BrokerOutageTests<TSystem>(TSystem system)
    where TSystem : RabbitMqSystem
{
    [Fact]
    public async Task While_the_broker_is_away_services_are_not_ready_but_alive_and_a_users_message_gets_503_then_is_taken_when_redelivered()
    {
        Assert.SkipWhen(!system.Broker.IsPrivate, "NOT RUN: RABBITMQ_URI names a shared broker, which this test would have to stop.");
        var ct = TestContext.Current.CancellationToken;
        var user = "outage-" + Guid.NewGuid().ToString("N")[..8];
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

            // A user writes meanwhile: the capture cannot be confirmed, so the channel is told to come back.
            var refused = await PostActivityAsync(user, ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("broker", await refused.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await system.Broker.StartAgainAsync(ct);
        }

        await Eventually.Until(
            async () => (await StatusesAsync(services, "/health")).All(s => s == HttpStatusCode.OK) ? "" : null,
            "every service's /health to answer 200 once the broker is back",
            system.Logs);

        // The channel redelivers the activity; now it is taken, and the user's reference is stored.
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(user, ct)).StatusCode);
        await Eventually.Until(
            async () => (await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), ct)).IsSuccessStatusCode ? "" : null,
            "the reference of the user who wrote during the outage",
            system.Logs);
    }

    /// <summary>What the channel posts when the user writes; a channel gives a bot seconds, not minutes.</summary>
    private async Task<HttpResponseMessage> PostActivityAsync(string user, CancellationToken ct)
    {
        using var channel = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var activity = new
        {
            type = "message",
            id = "outage-activity",
            timestamp = DateTimeOffset.UtcNow,
            channelId = "emulator",
            serviceUrl = system.Channel.BaseUrl.ToString(),
            conversation = new { id = "emu-" + user },
            from = new { id = user, name = user },
            recipient = new { id = system.Channel.Options.BotId, name = system.Channel.Options.BotName },
            text = "hello during the outage",
        };
        return await channel.PostAsJsonAsync(new Uri(system.GatewayUrl, "/api/messages"), activity, ct);
    }

    private async Task<HttpStatusCode[]> StatusesAsync(IEnumerable<Uri> services, string path) =>
        await Task.WhenAll(services.Select(async url => (await system.Http.GetAsync(new Uri(url, path), TestContext.Current.CancellationToken)).StatusCode));
}

/// <summary>Each service with its embedded store file.</summary>
public sealed class BrokerOutageOnEmbeddedStoresTests(RabbitMqSystem system) : BrokerOutageTests<RabbitMqSystem>(system), IClassFixture<RabbitMqSystem>;

/// <summary>The production shape: docker-compose.yml's environment, every service's store in MongoDB.</summary>
public sealed class BrokerOutageOnMongoDbTests(ComposeShapedSystem system) : BrokerOutageTests<ComposeShapedSystem>(system), IClassFixture<ComposeShapedSystem>;
