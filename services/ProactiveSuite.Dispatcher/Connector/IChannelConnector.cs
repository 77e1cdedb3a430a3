using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// Posts into channels through their Bot Connector REST API. The Dispatcher's one seam to the Bot
/// Framework SDK: nothing on this side of it sees an SDK type. Failures are <see cref="ConnectorException"/>.
/// </summary>
public interface IChannelConnector
{
    /// <summary>Posts <paramref name="message"/> into the stored conversation; returns the connector's activity id.</summary>
    Task<string?> SendAsync(ConversationAddress address, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Creates a one-to-one conversation with the recipient and posts <paramref name="message"/> into it.</summary>
    Task<CreatedConversation> CreateConversationAsync(ChannelEndpoint endpoint, Recipient recipient, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Deletes the bot's message <paramref name="activityId"/> from the conversation.</summary>
    Task DeleteAsync(ConversationAddress address, string activityId, CancellationToken cancellationToken);

    /// <summary>Replaces the bot's message <paramref name="activityId"/> with <paramref name="message"/>.</summary>
    Task UpdateAsync(ConversationAddress address, string activityId, OutboundMessage message, CancellationToken cancellationToken);
}

/// <param name="Address">The new conversation, ready to be stored as the user's reference.</param>
/// <param name="ActivityId">The connector's id of the posted message.</param>
public sealed record CreatedConversation(ConversationAddress Address, string? ActivityId);
