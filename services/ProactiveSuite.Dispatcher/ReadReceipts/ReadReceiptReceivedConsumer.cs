using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.ReadReceipts;

/// <summary>Marks the copies a read receipt covers read, and announces each.</summary>
public sealed partial class ReadReceiptReceivedConsumer(ReadReceipts receipts, ILogger<ReadReceiptReceivedConsumer> logger) : IConsumer<ReadReceiptReceived>
{
    public async Task Consume(ConsumeContext<ReadReceiptReceived> context)
    {
        var receipt = context.Message;
        if (string.IsNullOrEmpty(receipt.ChannelId) || string.IsNullOrEmpty(receipt.ConversationId) || string.IsNullOrEmpty(receipt.LastReadMessageId))
        {
            throw new InvalidMessageException("ReadReceiptReceived rejected: channelId, conversationId and lastReadMessageId are required");
        }

        var read = await receipts.MarkAsync(receipt, context.CancellationToken);
        await context.PublishBatch(read, context.CancellationToken);
        LogRead(receipt.ConversationId, receipt.LastReadMessageId, read.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read receipt for conversation {ConversationId} up to {LastReadMessageId}: {Read} copies newly read")]
    private partial void LogRead(string conversationId, string lastReadMessageId, int read);
}

public sealed class ReadReceiptReceivedConsumerDefinition : ConsumerDefinition<ReadReceiptReceivedConsumer>
{
    public ReadReceiptReceivedConsumerDefinition() => EndpointName = "dispatcher-read-receipts";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReadReceiptReceivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDurableCommandQueue();
        consumerConfigurator.UseShortRetries();
    }
}
