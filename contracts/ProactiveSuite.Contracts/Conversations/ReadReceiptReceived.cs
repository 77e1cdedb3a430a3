namespace ProactiveSuite.Contracts.Conversations;

/// <summary>
/// Event: a user has read their conversation with the bot up to a message (Teams' read receipt, an <c>event</c>
/// activity named <c>application/vnd.microsoft.readReceipt</c>, received by the Gateway). Teams sends these only in
/// personal chats, only with the app's <c>ChatMessageReadReceipt.Read.Chat</c> permission, and only for users who
/// have read receipts on; so a message never reported read may have been read all the same.
/// </summary>
/// <param name="ChannelId">The channel, e.g. <c>msteams</c>.</param>
/// <param name="ConversationId">The conversation that was read.</param>
/// <param name="UserId">Who read it (the activity's <c>from.id</c>).</param>
/// <param name="LastReadMessageId">
/// The newest message the user has read (<c>value.lastReadMessageId</c>). Teams' message ids are numeric and increase
/// within a conversation: every message at or before it has been read.
/// </param>
/// <param name="ReadAt">When the channel sent the receipt (the activity's timestamp, else when the Gateway received it).</param>
public sealed record ReadReceiptReceived(string ChannelId, string ConversationId, string UserId, string LastReadMessageId, DateTimeOffset ReadAt);
