using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// Activities the bot cannot use never get a 5xx (a channel redelivers those for ever): members of another
/// shape and ids that cannot be a connector URL's path segment are refused with 400 and the reason, and a
/// reply the connector refuses for good ends the turn with the reference still captured.
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class UnusableActivityTests(RabbitMqSystem system)
{
    public static TheoryData<string, string> ChannelDataIdsOfAnotherShape()
    {
        var data = new TheoryData<string, string>();
        foreach (var member in new[] { "tenant", "team", "channel" })
        {
            foreach (var id in new[] { "{\"id\": \"x\"}", "[\"x\"]", "42", "true" })
            {
                data.Add(member, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChannelDataIdsOfAnotherShape))]
    public async Task Teams_channel_data_whose_id_is_not_a_string_is_refused_with_400_and_the_reason(string member, string id)
    {
        var activity = Activity("shape");
        activity["channelId"] = "msteams";
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity["channelData"] = JsonNode.Parse($"{{\"{member}\": {{\"id\": {id}}}}}");

        var (status, detail) = await PostAsync(activity);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {detail}{Environment.NewLine}{system.Logs()}");
        Assert.Equal($"channelData.{member}.id must be a string", detail);
    }

    [Theory]
    [InlineData("tenant", "\"t-1\"")]
    [InlineData("team", "[]")]
    [InlineData("channel", "7")]
    public async Task Teams_channel_data_members_that_are_not_objects_are_refused_with_400(string member, string value)
    {
        var activity = Activity("shape");
        activity["channelId"] = "msteams";
        activity["channelData"] = JsonNode.Parse($"{{\"{member}\": {value}}}");

        var (status, detail) = await PostAsync(activity);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {detail}");
        Assert.Equal($"channelData.{member} must be an object", detail);
    }

    [Theory]
    [InlineData("conversation.id", ".")]
    [InlineData("conversation.id", "..")]
    [InlineData("conversation.id", "conv/../../other")]
    [InlineData("conversation.id", "conv\\other")]
    [InlineData("conversation.id", "conv?x=1")]
    [InlineData("conversation.id", "conv#fragment")]
    [InlineData("id", ".")]
    [InlineData("id", "..")]
    [InlineData("id", "a/b")]
    [InlineData("replyToId", "..")]
    public async Task Ids_that_cannot_be_a_path_segment_of_the_connector_are_refused_with_400_and_the_reason(string member, string id)
    {
        var activity = Activity("path");
        if (member == "conversation.id")
        {
            activity["conversation"]!["id"] = id;
        }
        else
        {
            activity[member] = id;
        }

        var (status, detail) = await PostAsync(activity);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {detail}{Environment.NewLine}{system.Logs()}");
        Assert.StartsWith($"{member} cannot be a path segment of the connector's URL", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(400)]
    public async Task A_reply_the_connector_refuses_for_good_ends_the_turn_without_a_5xx_and_keeps_the_reference(int connectorStatus)
    {
        var activity = Activity("refused");
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        system.Channel.Faults.AddRule(ChannelFault.Error(connectorStatus, connectorStatus == 403 ? ConnectorErrorCodes.ConversationBlockedByUser : null).InConversation(conversation));

        var (status, detail) = await PostAsync(activity);

        Assert.True(status == HttpStatusCode.OK, $"{status}: {detail}{Environment.NewLine}{system.Logs()}");
        var user = activity["from"]!["id"]!.GetValue<string>();
        var stored = await Eventually.Until(() => ReferenceAsync(user), $"the reference of {user}", system.Logs);
        Assert.Equal(conversation, stored["address"]?["conversation"]?["id"]?.GetValue<string>());
        await Eventually.Until(
            () => Task.FromResult(system.Telemetry.MetricPoints().Any(p => p.Service == "ProactiveSuite.Gateway" && p.Name == "proactivesuite.gateway.replies.refused" && p.Value > 0) ? "" : null),
            "the refused reply counted",
            () => string.Join(Environment.NewLine, system.Telemetry.MetricPoints().Select(p => $"{p.Service} {p.Name} {p.Value}").Distinct().Take(80)));
    }

    [Fact]
    public async Task A_serviceUrl_path_that_is_not_the_channels_ends_the_turn_without_a_5xx()
    {
        var activity = Activity("elsewhere");
        activity["serviceUrl"] = new Uri(system.Channel.BaseUrl, "/not/the/connector/").ToString();

        var (status, detail) = await PostAsync(activity);

        Assert.True(status == HttpStatusCode.OK, $"{status}: {detail}{Environment.NewLine}{system.Logs()}");
        var user = activity["from"]!["id"]!.GetValue<string>();
        await Eventually.Until(() => ReferenceAsync(user), $"the reference of {user}", system.Logs);
    }

    /// <summary>The Bot Framework Emulator's message, from a new user in a new conversation, on the test channel.</summary>
    private JsonObject Activity(string kind)
    {
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("emulator-message.json"))!.AsObject();
        var user = $"unusable-{kind}-{Guid.NewGuid():N}";
        activity["id"] = "activity-" + Guid.NewGuid().ToString("N");
        activity["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        activity["serviceUrl"] = system.Channel.BaseUrl.ToString();
        activity["from"]!["id"] = user;
        activity["conversation"]!["id"] = "conv-" + user;
        return activity;
    }

    private async Task<(HttpStatusCode Status, string Detail)> PostAsync(JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var detail = body.StartsWith('{') ? JsonNode.Parse(body)?["detail"]?.GetValue<string>() ?? body : body;
        return (response.StatusCode, detail);
    }

    private async Task<JsonObject?> ReferenceAsync(string user)
    {
        using var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{Uri.EscapeDataString(user)}"), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }
}
