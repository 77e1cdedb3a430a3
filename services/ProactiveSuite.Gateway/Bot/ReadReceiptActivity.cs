using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Gateway.Messages;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>Teams' read receipt event activity, as the contract the Dispatcher takes.</summary>
public static class ReadReceiptActivity
{
    public static bool Is(IEventActivity activity) => activity.Name == ActivityValidation.ReadReceiptName;

    /// <summary>The receipt; null when the value names no message (the endpoint refused those already).</summary>
    public static ReadReceiptReceived? ToReceipt(IEventActivity activity, DateTimeOffset receivedAt) =>
        (activity.Value as JObject)?.ToObject<ReadReceiptInfo>() is { LastReadMessageId: { Length: > 0 } lastRead }
            ? new ReadReceiptReceived(activity.ChannelId, activity.Conversation.Id, activity.From.Id, lastRead, activity.Timestamp ?? receivedAt)
            : null;
}
