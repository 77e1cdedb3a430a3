using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using ProactiveSuite.Gateway.Capture;

namespace ProactiveSuite.Tests.Gateway;

public class ActivityReferenceTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [FactAttribute]
    public void A_Teams_personal_message_carries_everything_needed_to_reach_the_user_again()
    {
        var captured = ActivityReference.ToCapturedEvent(Load("teams-personal-message.json"), ReceivedAt);

        var address = captured.Address;
        Assert.Equal("msteams", address.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", address.ServiceUrl);
        Assert.Equal("a:1pR2sT3uV4wX5yZ-personal-conversation-id", address.Conversation.Id);
        Assert.Equal("personal", address.Conversation.ConversationType);
        Assert.Equal("72f988bf-0000-4000-8000-2d7cd011db47", address.Conversation.TenantId);
        Assert.False(address.Conversation.IsGroup);
        Assert.Equal(("29:1a2b3c4d5e6f-teams-user-id", "Grace Hopper", "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"), (address.User.Id, address.User.Name, address.User.AadObjectId));
        Assert.Equal(("28:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", "ProactiveBot"), (address.Bot.Id, address.Bot.Name));
        Assert.Equal("en-GB", address.Locale);
        Assert.Equal("1732440011223", captured.ActivityId);
        Assert.Equal("message", captured.ActivityType);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 20, 11, 223, TimeSpan.Zero), captured.ActivityTimestamp);
    }

    [FactAttribute]
    public void The_tenant_is_taken_from_channel_data_when_the_conversation_lacks_it()
    {
        var activity = Load("teams-conversation-update.json");
        activity.Conversation.TenantId = null;
        Assert.Equal("72f988bf-0000-4000-8000-2d7cd011db47", ActivityReference.ToCapturedEvent(activity, ReceivedAt).Address.Conversation.TenantId);
    }

    [FactAttribute]
    public void A_missing_timestamp_is_replaced_by_the_time_of_receipt()
    {
        var activity = Load("emulator-message.json");
        activity.Timestamp = null;
        Assert.Equal(ReceivedAt, ActivityReference.ToCapturedEvent(activity, ReceivedAt).ActivityTimestamp);
    }

    [Theory]
    [InlineData("emulator-message.json", true)]
    [InlineData("teams-personal-message.json", true)]
    [InlineData("teams-conversation-update.json", true)]
    [InlineData("teams-installation-remove.json", false)]
    public void Messages_conversation_updates_and_installations_are_captured_but_not_a_removal(string file, bool captured) =>
        Assert.Equal(captured, ActivityReference.IsCaptured(Load(file)));

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    public void Other_activity_types_are_not_captured(string type) =>
        Assert.False(ActivityReference.IsCaptured(new Activity { Type = type }));

    [FactAttribute]
    public void Group_conversations_are_marked_as_such()
    {
        var activity = Load("teams-personal-message.json");
        activity.Conversation.ConversationType = "groupChat";
        Assert.True(ActivityReference.ToCapturedEvent(activity, ReceivedAt).Address.Conversation.IsGroup);
    }

    private static Activity Load(string file) => JsonConvert.DeserializeObject<Activity>(SharedActivities.Read(file))!;
}
