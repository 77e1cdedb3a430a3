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
    [InlineData("teams-bot-added-to-team.json")]
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

    [Theory]
    [InlineData("conversation", "name", "conversation.name must be a string")]
    [InlineData("channelData.team", "name", "channelData.team.name must be a string")]
    [InlineData("channelData.channel", "name", "channelData.channel.name must be a string")]
    public void Group_conversation_names_that_are_not_text_are_refused(string parent, string member, string reason)
    {
        var activity = SharedActivities.ReadObject("teams-bot-added-to-team.json");
        var target = parent.Split('.').Aggregate((JsonNode)activity, (node, part) => node[part] ??= new JsonObject());
        target[member] = new JsonObject { ["$where"] = "1" };
        Assert.Equal(reason, ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    [Fact]
    public void A_group_conversation_name_with_control_characters_is_refused()
    {
        var activity = SharedActivities.ReadObject("teams-bot-added-to-team.json");
        activity["channelData"]!["team"]!["name"] = "Fin" + (char)7 + "ance";
        Assert.Equal("channelData.team.name must not contain control characters", ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    [Fact]
    public void A_channel_reply_thread_without_the_channel_is_refused()
    {
        var activity = SharedActivities.ReadObject("teams-bot-added-to-team.json");
        activity["conversation"]!["id"] = ";messageid=1732440000000";
        Assert.Equal("conversation.id must name a conversation before ';messageid='", ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }

    [Theory]
    [InlineData("..;messageid=1732440000000")]
    [InlineData(".;messageid=1")]
    public void A_channel_whose_id_before_the_reply_thread_is_a_dot_segment_is_refused(string conversationId)
    {
        // The stored id is the part before ';messageid=': the Registry could not key it, so the capture would be lost after a 200.
        var activity = SharedActivities.ReadObject("teams-bot-added-to-team.json");
        activity["conversation"]!["id"] = conversationId;
        Assert.StartsWith("conversation.id cannot be a path segment", ActivityValidation.Problem(JsonDocument.Parse(activity.ToJsonString()).RootElement));
    }
}
