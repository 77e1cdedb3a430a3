using System.Net.Http.Headers;
using System.Text;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// The app password, operator API keys and bearer tokens (accepted or refused ones: a refused key may be
/// someone's real key for another system) never reach a log, even at Debug level.
/// </summary>
[Collection(SecuredServicesGroup.Name)]
public sealed class SecretsStayOutOfLogsTests(SecuredServices services)
{
    [Fact]
    public async Task Credentials_never_appear_in_the_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        var serviceUrl = "https://smba.trafficmanager.net/emea/";
        var wrongKey = "someone-elses-real-key-" + Guid.NewGuid().ToString("N");
        var channelToken = LocalTokenIssuer.ChannelToken(SecuredServices.AppId, serviceUrl);
        var refusedChannelToken = LocalTokenIssuer.ChannelToken("another-bot", serviceUrl);
        var operatorToken = services.Issuer.OperatorToken();
        var refusedOperatorToken = services.Issuer.OperatorToken(audience: "api://another-api");

        foreach (var token in new[] { channelToken, refusedChannelToken })
        {
            using var activity = new HttpRequestMessage(HttpMethod.Post, new Uri(services.GatewayUrl, "/api/messages"))
            {
                Content = new StringContent(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-conversation-update.json"), Encoding.UTF8, "application/json"),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            };
            await services.Http.SendAsync(activity, ct);
        }

        foreach (var (header, value) in new[]
        {
            ("X-Api-Key", ServiceEnvironment.OperatorApiKey), ("X-Api-Key", wrongKey),
            ("Authorization", "Bearer " + operatorToken), ("Authorization", "Bearer " + refusedOperatorToken),
        })
        {
            using var lookup = new HttpRequestMessage(HttpMethod.Get, new Uri(services.RegistryUrl, "/references/emulator/nobody"));
            lookup.Headers.TryAddWithoutValidation(header, value);
            await services.Http.SendAsync(lookup, ct);
        }

        string[] secrets =
        [
            SecuredServices.AppPassword, ServiceEnvironment.OperatorApiKey, wrongKey,
            channelToken, refusedChannelToken, operatorToken, refusedOperatorToken,
            .. new[] { channelToken, refusedChannelToken, operatorToken, refusedOperatorToken }.Select(t => t.Split('.')[2]),
        ];
        foreach (var service in new[] { services.Gateway, services.Registry })
        {
            var log = await ReadAsync(service.LogFilePath);
            Assert.True(log.Length > 1000, $"{service.Name} logged almost nothing: the test would prove nothing");
            foreach (var secret in secrets)
            {
                Assert.False(log.Contains(secret, StringComparison.Ordinal), $"{service.Name}'s log ({service.LogFilePath}) contains a secret starting '{secret[..6]}'");
            }
        }
    }

    private static async Task<string> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
