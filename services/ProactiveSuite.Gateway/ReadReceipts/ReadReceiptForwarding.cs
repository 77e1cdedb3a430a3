using MassTransit;
using ProactiveSuite.Contracts.Conversations;

namespace ProactiveSuite.Gateway.ReadReceipts;

/// <summary>
/// Hands read receipts to the Dispatcher, which knows the delivered copies. The turn ends once the broker has the
/// event: a failure answers the channel 5xx, and it sends the receipt again.
/// </summary>
public sealed partial class ReadReceiptForwarding(IServiceScopeFactory scopes, ILogger<ReadReceiptForwarding> logger)
{
    public async Task ForwardAsync(ReadReceiptReceived receipt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(receipt, cancellationToken);
        LogForwarded(receipt.ChannelId, receipt.ConversationId, receipt.LastReadMessageId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read receipt from {ChannelId} conversation {ConversationId} up to message {LastReadMessageId}")]
    private partial void LogForwarded(string channelId, string conversationId, string lastReadMessageId);
}
