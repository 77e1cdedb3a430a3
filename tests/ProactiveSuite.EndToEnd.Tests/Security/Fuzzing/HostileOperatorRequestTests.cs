using System.Net;
using System.Text;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>
/// Every <see cref="HostileOperatorRequests"/> request is a 4xx with the reason in a problem body: never the
/// framework binder's empty 400, never a 5xx; and every service still answers its health check afterwards.
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class HostileOperatorRequestTests(RabbitMqSystem system)
{
    [Fact]
    public async Task Every_unusable_operator_request_is_a_4xx_with_its_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var wrong = new List<string>();
        foreach (var request in HostileOperatorRequests.All())
        {
            var baseUrl = request.Service == "registry" ? system.RegistryUrl : system.DispatcherUrl;
            using var message = new HttpRequestMessage(request.Method, new Uri(baseUrl, request.PathAndQuery));
            if (request.Body is not null)
            {
                message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            }

            using var response = await system.Http.SendAsync(message, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode is < 400 or >= 500 || !body.Contains("\"detail\"", StringComparison.Ordinal))
            {
                wrong.Add($"  {request.Method} {request.PathAndQuery[..Math.Min(120, request.PathAndQuery.Length)]} → {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} requests were not a 4xx with a reason:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        foreach (var url in new[] { system.RegistryUrl, system.DispatcherUrl })
        {
            Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync(new Uri(url, "/health"), ct)).StatusCode);
        }
    }
}
