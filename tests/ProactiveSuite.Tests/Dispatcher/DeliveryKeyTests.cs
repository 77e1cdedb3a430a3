using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>The ledger's key. The claim rule itself runs in the store (DeliveryLedgerContract, on every engine).</summary>
public class DeliveryKeyTests
{
    // Ids chosen to look like the other kind's key, or like its parts.
    private static readonly string[] Ids = ["19:abc@thread.tacv2", "c:1:n|emulator|x", "1:n|emulator|19:abc", "|", "c:", "29:ada", "n|emulator|29:ada", ""];

    [Fact]
    public void Keys_cannot_collide_whatever_the_publisher_puts_in_the_notification_id() =>
        Assert.NotEqual(new DeliveryKey("a|b", "c", "d").Value, new DeliveryKey("a", "b", "c|d").Value);

    [Fact]
    public void A_conversation_key_never_equals_a_user_key_whatever_the_ids()
    {
        string[] notifications = ["n", "c:1:n", "1:n|emulator", "c"];
        var userKeys = (from n in notifications from id in Ids select DeliveryKey.Of(n, new Recipient("emulator", id)).Value).ToHashSet();
        var conversationKeys = (from n in notifications from id in Ids select DeliveryKey.Of(n, new Recipient("emulator", null, null, id)).Value).ToList();

        Assert.DoesNotContain(conversationKeys, userKeys.Contains);
        Assert.Equal(conversationKeys.Count, conversationKeys.Distinct().Count());
    }

    [Fact]
    public void A_recipient_naming_a_conversation_is_keyed_by_it_and_a_user_key_is_unchanged()
    {
        var conversation = DeliveryKey.Of("n-1", new Recipient("MSTeams", null, "t1", "19:abc@thread.tacv2"));
        Assert.Equal((null, "19:abc@thread.tacv2", true), (conversation.UserId, conversation.ConversationId, conversation.IsConversation));
        Assert.Null(conversation.ErasableUser);
        Assert.Equal(new Recipient("MSTeams", null, "t1", "19:abc@thread.tacv2"), conversation.RecipientOf("t1"));

        // The form stored before conversations existed: records already in a ledger keep their keys.
        var user = DeliveryKey.Of("n-1", new Recipient("MSTeams", "29:ada"));
        Assert.Equal("3:n-1|msteams|29:ada", user.Value);
        Assert.Equal("msteams|29:ada", user.ErasableUser);
    }
}
