using System.Text.Json;
using ProactiveSuite.Gateway.Messages;

namespace ProactiveSuite.Tests.Gateway;

/// <summary>What the Gateway refuses beyond a missing part: hostile sizes, types and text.</summary>
public class ActivityLimitsTests
{
    [Theory]
    [InlineData("from", "id", 513, "from.id is longer than 512 characters")]
    [InlineData("conversation", "id", 513, "conversation.id is longer than 512 characters")]
    [InlineData("recipient", "id", 513, "recipient.id is longer than 512 characters")]
    [InlineData("from", "name", 513, "from.name is longer than 512 characters")]
    public void Ids_and_names_longer_than_a_reference_can_hold_are_refused(string account, string member, int length, string reason)
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity[account]![member] = new string('x', length);
        Assert.Equal(reason, Problem(activity.ToJsonString()));
    }

    [Fact]
    public void The_longest_allowed_ids_pass()
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity["from"]!["id"] = new string('x', ActivityValidation.MaxIdLength);
        Assert.Null(Problem(activity.ToJsonString()));
    }

    [Theory]
    [InlineData("\"from\": {\"id\": 42}", "from.id must be a string")]
    [InlineData("\"from\": \"ada\"", "from must be an object")]
    [InlineData("\"conversation\": [1]", "conversation must be an object")]
    [InlineData("\"channelId\": {\"a\": 1}", "channelId must be a string")]
    [InlineData("\"locale\": true", "locale must be a string")]
    [InlineData("\"timestamp\": \"yesterday\"", "timestamp must be an ISO-8601 date and time")]
    [InlineData("\"channelId\": \"emu|lator\"", "channelId must not contain '|'")]
    [InlineData("\"membersAdded\": [null]", "membersAdded must be a list of objects")]
    [InlineData("\"membersRemoved\": \"everyone\"", "membersRemoved must be a list of objects")]
    [InlineData("\"entities\": [{}, 42]", "entities must be a list of objects")]
    [InlineData("\"from\": {\"id\": \"ada\\u0000\"}", "from.id must not contain control characters")]
    public void Members_of_the_wrong_type_or_form_are_named(string member, string reason) =>
        Assert.Equal(reason, Problem(WithMember(member)));

    [Theory]
    [InlineData("\"text\": \"\\ud800 lone surrogate\"", "text is not valid Unicode text")]
    [InlineData("\"channelData\": {\"x\": [\"ok\", \"\\udfff\"]}", "channelData.x[1] is not valid Unicode text")]
    [InlineData("\"channelData\": {\"\\ud800\": 1}", "a member name in channelData is not valid Unicode text")]
    public void Strings_that_are_not_valid_unicode_are_refused(string member, string reason) =>
        Assert.Equal(reason, Problem(WithMember(member)));

    [Theory]
    [InlineData("\"serviceUrl\": \"http://localhost:5005\", \"ServiceUrl\": \"https://attacker.example.com/\"", "ServiceUrl is given more than once")]
    [InlineData("\"channelData\": {\"a\": 1, \"a\": 2}", "channelData.a is given more than once")]
    public void A_member_given_twice_is_refused_because_the_sdk_would_read_another_one(string members, string reason)
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity.Remove("serviceUrl");
        activity.Remove("channelData");
        Assert.Equal(reason, Problem(activity.ToJsonString()[..^1] + ", " + members + "}"));
    }

    [Fact]
    public void Nulls_in_optional_members_are_fine()
    {
        var activity = SharedActivities.ReadObject("emulator-message.json");
        foreach (var member in (string[])["locale", "text", "timestamp", "channelData"])
        {
            activity[member] = null;
        }

        Assert.Null(Problem(activity.ToJsonString()));
    }

    private static string WithMember(string member)
    {
        // Replaced rather than added, so the activity holds the member once.
        var name = member[1..member.IndexOf('"', 1)];
        var activity = SharedActivities.ReadObject("emulator-message.json");
        activity.Remove(name);
        var without = activity.ToJsonString();
        return without[..^1] + ", " + member + "}";
    }

    private static string? Problem(string json) => ActivityValidation.Problem(JsonDocument.Parse(json).RootElement);
}
