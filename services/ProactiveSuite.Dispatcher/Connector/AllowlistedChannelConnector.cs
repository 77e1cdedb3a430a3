using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// Checks every serviceUrl against the <see cref="ServiceUrlAllowlist"/> before the connector is
/// called, because the SDK attaches the bot's token to whatever URL it is given: a reference
/// stored before the allowlist existed, or a misconfigured channel endpoint, must not receive it.
/// </summary>
internal sealed class AllowlistedChannelConnector(IChannelConnector connector, ServiceUrlAllowlist allowlist) : IChannelConnector
{
    public Task<string?> SendAsync(ConversationAddress address, OutboundMessage message, CancellationToken cancellationToken)
    {
        Ensure(address.ServiceUrl, $"the stored reference of {Whose(address)} in channel '{address.ChannelId}'");
        return connector.SendAsync(address, message, cancellationToken);
    }

    public Task<CreatedConversation> CreateConversationAsync(ChannelEndpoint endpoint, Recipient recipient, OutboundMessage message, CancellationToken cancellationToken)
    {
        Ensure(endpoint.ServiceUrl, endpoint.Origin ?? $"the configured endpoint of channel '{recipient.ChannelId}' (Dispatcher:Channels:{recipient.ChannelId}:ServiceUrl)");
        return connector.CreateConversationAsync(endpoint, recipient, message, cancellationToken);
    }

    public Task DeleteAsync(ConversationAddress address, string activityId, CancellationToken cancellationToken)
    {
        Ensure(address.ServiceUrl, $"the delivered copy of {Whose(address)} in channel '{address.ChannelId}'");
        return connector.DeleteAsync(address, activityId, cancellationToken);
    }

    public Task UpdateAsync(ConversationAddress address, string activityId, OutboundMessage message, CancellationToken cancellationToken)
    {
        Ensure(address.ServiceUrl, $"the delivered copy of {Whose(address)} in channel '{address.ChannelId}'");
        return connector.UpdateAsync(address, activityId, message, cancellationToken);
    }

    private static string Whose(ConversationAddress address) =>
        address.Conversation.IsGroup ? $"conversation '{address.Conversation.Id}'" : $"user '{address.User.Id}'";

    private void Ensure(string serviceUrl, string source)
    {
        if (allowlist.Problem(serviceUrl) is { } problem)
        {
            throw new ServiceUrlNotAllowedException($"Not sent: {problem}, in {source}.");
        }
    }
}
