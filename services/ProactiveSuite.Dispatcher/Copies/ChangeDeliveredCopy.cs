using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>
/// The Dispatcher's own unit of work after delivery, on its internal <c>dispatcher-copy-changes</c> queue: bring one
/// delivered copy to what its notification now says (deleted after a recall, the new content after an edit). It says
/// which copy, not what to do: the copy and its notification say that when it is handled, so any number of these
/// for one copy change it once.
/// </summary>
/// <param name="UserId">The user the copy went to; null when it went to a group conversation.</param>
/// <param name="ConversationId">The group conversation the copy went to; null when it went to a user.</param>
public sealed record ChangeDeliveredCopy(string NotificationId, string ChannelId, string? UserId, string? ConversationId = null)
{
    public const string QueueName = "dispatcher-copy-changes";

    public DeliveryKey LedgerKey() => new(NotificationId, ChannelId, ConversationId is null ? UserId : null, ConversationId);

    public static ChangeDeliveredCopy Of(DeliveryKey key) => new(key.NotificationId, key.ChannelId, key.UserId, key.ConversationId);
}
