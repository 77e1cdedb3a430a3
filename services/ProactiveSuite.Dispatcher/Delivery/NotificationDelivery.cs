using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// Delivers one notification to one recipient: into the stored conversation, or into a new one-to-one
/// conversation when none is stored and the command allows it.
/// </summary>
public sealed class NotificationDelivery(
    ReferenceDirectory references,
    IChannelConnector connector,
    IOptions<ChannelEndpointOptions> channels,
    TimeProvider clock)
{
    /// <param name="command">A command that passed <see cref="NotificationValidation"/>.</param>
    public async Task<DeliveryOutcome> DeliverAsync(SendNotification command, CancellationToken cancellationToken)
    {
        var recipient = command.Recipient!;
        var message = new OutboundMessage(command.Text, command.Attachments ?? []);
        try
        {
            if (await references.FindAsync(recipient, cancellationToken) is { } address)
            {
                var activityId = await connector.SendAsync(address, message, cancellationToken);
                return new DeliveryOutcome.Delivered(address.Conversation.Id, activityId, CreatedReference: null);
            }

            if (!command.CreateConversationIfMissing)
            {
                return new DeliveryOutcome.Failed(NotificationFailureReasons.NoReference,
                    $"No conversation with user '{recipient.UserId}' in channel '{recipient.ChannelId}' is stored (the user never wrote to the bot), and createConversationIfMissing is false.");
            }

            if (channels.Value.For(recipient.ChannelId) is not { } endpoint)
            {
                return new DeliveryOutcome.Failed(NotificationFailureReasons.NoReference,
                    $"No conversation with user '{recipient.UserId}' is stored, and no connector endpoint is configured for channel '{recipient.ChannelId}' to create one (Dispatcher:Channels:{recipient.ChannelId}).");
            }

            var created = await connector.CreateConversationAsync(endpoint, recipient, message, cancellationToken);
            var reference = new ReferenceCaptured(created.Address, created.ActivityId, "message", clock.GetUtcNow());
            return new DeliveryOutcome.Delivered(created.Address.Conversation.Id, created.ActivityId, reference);
        }
        catch (ServiceUrlNotAllowedException e)
        {
            return new DeliveryOutcome.Failed(NotificationFailureReasons.ServiceUrlNotAllowed, e.Message);
        }
        catch (ConnectorException e)
        {
            return new DeliveryOutcome.Failed(
                e.IsTransient ? NotificationFailureReasons.Transient : NotificationFailureReasons.ConnectorRejected,
                e.Message);
        }
    }
}
