using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Asks the Registry, over the bus, where a recipient can be reached.</summary>
public sealed class ReferenceDirectory(IRequestClient<FindConversationReference> registry)
{
    public async Task<ConversationAddress?> FindAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        var response = await registry.GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference(recipient.ChannelId, recipient.UserId), cancellationToken);
        return response.Is(out Response<ConversationReferenceFound>? found) ? found.Message.Address : null;
    }
}
