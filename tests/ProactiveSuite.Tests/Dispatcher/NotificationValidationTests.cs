using System.Text.Json;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Delivery;

namespace ProactiveSuite.Tests.Dispatcher;

public class NotificationValidationTests
{
    private static readonly SendNotification Valid = new()
    {
        NotificationId = "n-1",
        Recipient = new Recipient("emulator", "user-ada"),
        Text = "Your report is ready",
    };

    [Fact]
    public void A_complete_command_is_valid() => Assert.Null(NotificationValidation.Problem(Valid));

    [Fact]
    public void An_attachment_alone_is_something_to_send()
    {
        var card = new NotificationAttachment("application/vnd.microsoft.card.adaptive", Content: JsonDocument.Parse("{\"type\":\"AdaptiveCard\"}").RootElement);
        Assert.Null(NotificationValidation.Problem(Valid with { Text = null, Attachments = [card] }));
    }

    [Fact]
    public void Each_problem_is_named()
    {
        Assert.Equal("notificationId is required", NotificationValidation.Problem(Valid with { NotificationId = null }));
        Assert.Equal("recipient is required", NotificationValidation.Problem(Valid with { Recipient = null }));
        Assert.Equal("recipient.channelId is required", NotificationValidation.Problem(Valid with { Recipient = new Recipient("", "u") }));
        Assert.Equal("recipient.userId is required", NotificationValidation.Problem(Valid with { Recipient = new Recipient("c", "") }));
        Assert.Equal("text is empty and there are no attachments: there is nothing to send", NotificationValidation.Problem(Valid with { Text = "   " }));
        Assert.Contains("longer than", NotificationValidation.Problem(Valid with { Text = new string('x', NotificationValidation.MaxTextLength + 1) }), StringComparison.Ordinal);
        Assert.Equal("attachment 0 needs a contentType", NotificationValidation.Problem(Valid with { Attachments = [new NotificationAttachment("")] }));
    }

    [Fact]
    public void A_recipient_is_a_user_or_a_conversation_never_both_nor_neither()
    {
        Assert.Null(NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", null, ConversationId: "19:abc@thread.tacv2") }));
        Assert.Equal("recipient takes either userId or conversationId, not both",
            NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", "29:ada", ConversationId: "19:abc@thread.tacv2") }));
        Assert.Equal("recipient.userId is required (or recipient.conversationId, for a group chat or channel)",
            NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", null) }));
        Assert.Equal("recipient.conversationId must not begin or end with whitespace",
            NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", null, ConversationId: " 19:abc") }));
        Assert.StartsWith("recipient.conversationId cannot be a path segment of the connector's URL",
            NotificationValidation.Problem(Valid with { Recipient = new Recipient("msteams", null, ConversationId: "19:abc/../x") }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broadcast_scope_is_a_known_one_and_goes_with_a_channel_only()
    {
        var broadcast = new SendBroadcast { NotificationId = "b-1", Text = "Hello", Audience = new BroadcastAudience { ChannelId = "msteams" } };
        foreach (var scope in new[] { BroadcastScopes.Personal, BroadcastScopes.GroupChats, BroadcastScopes.Channels, BroadcastScopes.Teams })
        {
            Assert.Null(NotificationValidation.Problem(broadcast with { Audience = broadcast.Audience with { Scope = scope } }));
        }

        Assert.Equal("audience.scope 'chats' is not one of personal, groupChats, channels, teams",
            NotificationValidation.Problem(broadcast with { Audience = broadcast.Audience with { Scope = "chats" } }));
        Assert.Equal("audience.scope goes with channelId, not with recipients",
            NotificationValidation.Problem(broadcast with { Audience = new BroadcastAudience { Recipients = [new Recipient("msteams", "29:ada")], Scope = BroadcastScopes.Channels } }));
        Assert.Equal("audience.recipients[1] takes either userId or conversationId, not both",
            NotificationValidation.Problem(broadcast with { Audience = new BroadcastAudience { Recipients = [new Recipient("msteams", "29:ada"), new Recipient("msteams", "29:bob", null, "19:x")] } }));
    }
}
