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

    [FactAttribute]
    public void The_bot_added_to_a_team_captures_the_teams_own_channel_with_the_team_and_tenant()
    {
        var captured = ActivityReference.ToCapturedEvent(Load("teams-bot-added-to-team.json"), ReceivedAt);

        var conversation = captured.Address.Conversation;
        Assert.True(conversation.IsGroup);
        Assert.Equal(("19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2", "channel", "72f988bf-0000-4000-8000-2d7cd011db47"), (conversation.Id, conversation.ConversationType, conversation.TenantId));
        Assert.Equal(("19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2", "Finance"), (conversation.TeamId, conversation.TeamName));
        Assert.Null(conversation.Name);
        Assert.Equal("29:9z8y7x-teams-owner-id", captured.Address.User.Id);
    }

    [FactAttribute]
    public void A_reply_in_a_channel_thread_is_captured_as_the_channel_with_its_name()
    {
        var captured = ActivityReference.ToCapturedEvent(ChannelReply(), ReceivedAt);

        var conversation = captured.Address.Conversation;
        Assert.Equal(("19:budget@thread.tacv2", "Budget", "19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2", "Finance"), (conversation.Id, conversation.Name, conversation.TeamId, conversation.TeamName));
    }

    [FactAttribute]
    public void A_team_event_naming_another_channel_does_not_rename_the_teams_own_channel()
    {
        var created = Load("teams-bot-added-to-team.json");
        created.MembersAdded = null;
        created.ChannelData = Newtonsoft.Json.Linq.JObject.Parse("""
            {"eventType":"channelCreated","team":{"id":"19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2","name":"Finance"},"channel":{"id":"19:new@thread.tacv2","name":"Budget"}}
            """);

        var conversation = ActivityReference.ToCapturedEvent(created, ReceivedAt).Address.Conversation;
        Assert.Equal(("19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2", (string?)null), (conversation.Id, conversation.Name));
    }

    [FactAttribute]
    public void A_group_chat_is_named_by_its_topic_and_a_personal_conversation_keeps_no_group_details()
    {
        var chat = Load("teams-personal-message.json");
        chat.Conversation.ConversationType = "groupChat";
        chat.Conversation.Id = "19:launch@thread.v2";
        chat.Conversation.Name = "Launch";
        var group = ActivityReference.ToCapturedEvent(chat, ReceivedAt).Address.Conversation;
        Assert.Equal(("19:launch@thread.v2", "Launch", (string?)null), (group.Id, group.Name, group.TeamId));

        var personal = Load("teams-personal-message.json");
        personal.Conversation.Name = "ignored";
        Assert.Null(ActivityReference.ToCapturedEvent(personal, ReceivedAt).Address.Conversation.Name);
    }

    [FactAttribute]
    public void The_bot_removed_from_a_team_revokes_the_conversation_as_a_whole()
    {
        var activity = Load("teams-bot-added-to-team.json");
        activity.MembersRemoved = activity.MembersAdded;
        activity.MembersAdded = null;

        Assert.False(ActivityReference.IsCaptured(activity));
        Assert.True(ActivityReference.IsRemoval(activity));
        var revoked = ActivityReference.ToRevokedEvent(activity, ReceivedAt);
        Assert.Equal(("msteams", (string?)null, "19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2", "BotRemoved"), (revoked.ChannelId, revoked.UserId, revoked.ConversationId, revoked.ReasonCode));
    }

    [FactAttribute]
    public void An_install_in_a_group_chat_is_captured_as_the_chat()
    {
        var activity = Load("teams-installation-remove.json");
        activity.Action = "add";
        activity.Conversation.ConversationType = "groupChat";
        activity.Conversation.Id = "19:launch@thread.v2";

        Assert.True(ActivityReference.IsCaptured(activity));
        var conversation = ActivityReference.ToCapturedEvent(activity, ReceivedAt).Address.Conversation;
        Assert.Equal(("19:launch@thread.v2", true), (conversation.Id, conversation.IsGroup));
    }

    [FactAttribute]
    public void Another_member_leaving_a_team_is_a_capture_not_a_removal()
    {
        var activity = Load("teams-bot-added-to-team.json");
        activity.MembersRemoved = [new ChannelAccount("29:someone-else")];
        activity.MembersAdded = null;

        Assert.True(ActivityReference.IsCaptured(activity));
        Assert.False(ActivityReference.IsRemoval(activity));
    }

    [Theory]
    [InlineData("groupChat", "19:launch@thread.v2", null)]
    [InlineData("personal", "a:1pR2sT3uV4wX5yZ-personal-conversation-id", "29:1a2b3c4d5e6f-teams-user-id")]
    public void An_uninstall_in_a_group_chat_revokes_the_chat_and_in_personal_scope_the_user(string type, string conversationId, string? userId)
    {
        var activity = Load("teams-installation-remove.json");
        activity.Conversation.ConversationType = type;
        activity.Conversation.Id = conversationId;

        var revoked = ActivityReference.ToRevokedEvent(activity, ReceivedAt);
        Assert.Equal((userId, conversationId), (revoked.UserId, revoked.ConversationId));
    }

    internal static Activity ChannelReply()
    {
        var activity = Load("teams-personal-message.json");
        activity.Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "19:budget@thread.tacv2;messageid=1732440000000", tenantId: activity.Conversation.TenantId);
        activity.ChannelData = Newtonsoft.Json.Linq.JObject.Parse("""
            {"team":{"id":"19:0f3c5a7e9b1d4f6a8c2e4b6d8f0a1c3e@thread.tacv2","name":"Finance"},"channel":{"id":"19:budget@thread.tacv2","name":"Budget"},"tenant":{"id":"72f988bf-0000-4000-8000-2d7cd011db47"}}
            """);
        return activity;
    }

    private static Activity Load(string file) => JsonConvert.DeserializeObject<Activity>(SharedActivities.Read(file))!;
}
