using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// Every endpoint that reads a body reads JSON only: a body of a type a web page may send cross-site without
/// a preflight (text/plain, a form) or of no declared type is refused with 415 and the reason, before it is read.
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class JsonContentTypeTests(RabbitMqSystem system)
{
    public enum Endpoint
    {
        GatewayMessages,
        DispatcherNotifications,
        DispatcherBroadcasts,
        DispatcherSurveys,
        EmulatorUserMessage,
        EmulatorActivities,
        EmulatorConnectorCreate,
    }

    public static TheoryData<Endpoint, string?> RefusedBodies()
    {
        var data = new TheoryData<Endpoint, string?>();
        foreach (var endpoint in Enum.GetValues<Endpoint>())
        {
            foreach (var contentType in new[] { "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/json", null })
            {
                data.Add(endpoint, contentType);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task A_body_that_is_not_declared_json_is_refused_with_415_and_the_reason(Endpoint endpoint, string? contentType)
    {
        var (url, body) = Request(endpoint);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await system.Http.PostAsync(url, content, TestContext.Current.CancellationToken);

        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{endpoint} with '{contentType}': {(int)response.StatusCode} {answer}");
        Assert.Contains("the request body must be JSON (Content-Type: application/json)", JsonNode.Parse(answer)?["detail"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    [InlineData("application/vnd.bot-activity+json")]
    public async Task Json_with_or_without_a_charset_is_taken(string contentType)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("emulator-message.json"))!.AsObject();
        activity["serviceUrl"] = system.Channel.BaseUrl.ToString();
        activity["from"]!["id"] = "json-" + Guid.NewGuid().ToString("N");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(activity.ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), content, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private (Uri Url, string Body) Request(Endpoint endpoint)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("emulator-message.json"))!.AsObject();
        activity["serviceUrl"] = system.Channel.BaseUrl.ToString();
        activity["from"]!["id"] = "not-json-" + Guid.NewGuid().ToString("N");
        var notification = new JsonObject
        {
            ["recipient"] = new JsonObject { ["channelId"] = "emulator", ["userId"] = "ada" },
            ["text"] = "hi",
        }.ToJsonString();
        return endpoint switch
        {
            Endpoint.GatewayMessages => (new Uri(system.GatewayUrl, "/api/messages"), activity.ToJsonString()),
            Endpoint.DispatcherNotifications => (new Uri(system.DispatcherUrl, "/notifications"), notification),
            Endpoint.DispatcherBroadcasts => (new Uri(system.DispatcherUrl, "/broadcasts"), "{\"audience\": {\"channelId\": \"emulator\"}, \"text\": \"hi\"}"),
            Endpoint.DispatcherSurveys => (new Uri(system.DispatcherUrl, "/surveys"), "{}"),
            Endpoint.EmulatorUserMessage => (new Uri(system.Channel.BaseUrl, "/emulator/users/ada/messages"), "{\"text\": \"hi\"}"),
            Endpoint.EmulatorActivities => (new Uri(system.Channel.BaseUrl, "/emulator/activities"), activity.ToJsonString()),
            _ => (new Uri(system.Channel.BaseUrl, "/v3/conversations"), "{\"members\": [{\"id\": \"ada\"}], \"bot\": {\"id\": \"bot\"}}"),
        };
    }
}
