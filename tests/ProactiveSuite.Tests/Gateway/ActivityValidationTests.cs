using System.Text.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Gateway.Messages;

namespace ProactiveSuite.Tests.Gateway;

public class ActivityValidationTests
{
    [Theory]
    [InlineData("emulator-message.json")]
    [InlineData("teams-personal-message.json")]
    [InlineData("teams-conversation-update.json")]
    [InlineData("teams-installation-remove.json")]
    public void Real_channel_activities_are_valid(string file) =>
        Assert.Null(ActivityValidation.Problem(JsonDocument.Parse(SharedActivities.Read(file)).RootElement));

    [Theory]
    [InlineData("type", "type is required")]
    [InlineData("channelId", "channelId is required")]
    [InlineData("serviceUrl", "serviceUrl is required and must be an absolute http(s) URL")]
    [InlineData("conversation", "conversation.id is required")]
    [InlineData("from", "from.id is required")]
    [InlineData("recipient", "recipient.id is required")]
    public void Each_missing_part_is_named(string property, string reason)
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity.Remove(property);
        Assert.Equal(reason, ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_refused(string body) =>
        Assert.Equal("the body must be a JSON object (a Bot Framework activity)", ActivityValidation.Problem(JsonDocument.Parse(body).RootElement));

    [Fact]
    public void A_service_url_that_is_not_http_is_refused()
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity["serviceUrl"] = "file:///etc/passwd";
        Assert.NotNull(ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
        activity["serviceUrl"] = JsonValue.Create(42);
        Assert.NotNull(ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }
}
