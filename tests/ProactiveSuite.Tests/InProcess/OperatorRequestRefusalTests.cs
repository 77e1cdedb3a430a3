using System.Net;
using System.Text;

namespace ProactiveSuite.Tests.InProcess;

/// <summary>
/// Operator requests whose values the framework's binder would refuse before the endpoint runs (an empty 400):
/// each is refused by the endpoint itself, with the reason in a problem body.
/// </summary>
public sealed class OperatorRequestRefusalTests
{
    [Theory]
    [InlineData("references?limit=abc", "limit must be a whole number")]
    [InlineData("references?limit=99999999999", "limit must be between 1 and 500")]
    [InlineData("references?limit=1.5", "limit must be a whole number")]
    [InlineData("references?limit=1&limit=2", "limit is given more than once")]
    [InlineData("references?limit=0", "limit must be between 1 and 500")]
    [InlineData("conversations?channelId=emulator&limit=abc", "limit must be a whole number")]
    [InlineData("conversations?channelId=emulator&limit=-1", "limit must be between 1 and 500")]
    [InlineData("conversations?channelId=emulator&limit=100000", "limit must be between 1 and 500")]
    [InlineData("conversations?channelId=emulator&teamsOnly=maybe", "teamsOnly must be true or false")]
    [InlineData("conversations?channelId=emulator&type=channel&type=groupChat", "type is given more than once")]
    [InlineData("conversations?channelId=a&channelId=b", "channelId is given more than once")]
    [InlineData("notifications/n-1/recipients?limit=abc", "limit must be a whole number")]
    [InlineData("notifications/n-1/recipients?limit=0", "limit must be between 1 and 1000")]
    [InlineData("notifications/n-1/recipients?after=a&after=b", "after is given more than once")]
    public async Task A_query_value_the_endpoint_cannot_use_is_400_with_the_reason(string url, string reason)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        using var http = system.OperatorClient();

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("references?limit=2")]
    [InlineData("conversations?channelId=emulator&limit=2&teamsOnly=true")]
    [InlineData("conversations?channelId=emulator&teamsOnly=FALSE")]
    [InlineData("notifications/n-1/recipients?limit=2")]
    public async Task Well_formed_query_values_still_bind(string url)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry | ServiceSet.Dispatcher);
        using var http = system.OperatorClient();

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("notifications", """{"recipient": 5, "text": "x"}""", "$.recipient")]
    [InlineData("notifications", """{"recipient": {"channelId": "emulator", "userId": ["a"]}, "text": "x"}""", "$.recipient.userId")]
    [InlineData("notifications", """{"recipient": {"channelId": "emulator", "userId": "u"}, "text": "x", "notBefore": "soon"}""", "$.notBefore")]
    [InlineData("broadcasts", """{"audience": {"channelId": "emulator", "scope": 7}, "text": "x"}""", "$.audience.scope")]
    [InlineData("broadcasts", """{"audience": {"channelId": "emulator"}, "text": "x",""", "the body could not be read")]
    public async Task A_body_the_binder_cannot_read_is_400_with_the_reason(string url, string body, string reason)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Dispatcher);
        using var http = system.OperatorClient();

        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
