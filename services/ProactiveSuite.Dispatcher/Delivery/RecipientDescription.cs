using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.Dispatcher.Delivery;

public static class RecipientDescription
{
    /// <summary>The recipient as a reason names it: <c>user '…'</c> or <c>conversation '…'</c>.</summary>
    public static string Described(this Recipient recipient) =>
        recipient.ConversationId is { } conversationId ? $"conversation '{conversationId}'" : $"user '{recipient.UserId}'";
}
