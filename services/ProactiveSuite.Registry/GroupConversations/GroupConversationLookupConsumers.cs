using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>Answers where a group conversation can be posted to; an unusable id finds nothing.</summary>
public sealed class FindGroupConversationConsumer(IGroupConversationStore store) : IConsumer<FindGroupConversation>
{
    public async Task Consume(ConsumeContext<FindGroupConversation> context)
    {
        var request = context.Message;
        var stored = GroupConversationKey.TryCreate(request.ChannelId, request.ConversationId, out var key, out _)
            ? await store.FindAsync(key, context.CancellationToken)
            : null;
        if (stored is { IsRevoked: false })
        {
            await context.RespondAsync(new GroupConversationFound(stored.Address, stored.LastActivityAt));
        }
        else
        {
            await context.RespondAsync(new GroupConversationNotFound(request.ChannelId ?? "", request.ConversationId ?? "", stored?.RevokedReasonCode, stored?.RevokedAt));
        }
    }
}

/// <summary>Answers audience pages of group conversations: a broadcast to chats, channels or teams.</summary>
public sealed class ListGroupConversationsConsumer(IGroupConversationStore store) : IConsumer<ListGroupConversations>
{
    public async Task Consume(ConsumeContext<ListGroupConversations> context)
    {
        var query = GroupConversationQueries.From(context.Message, GroupConversationQueries.MaxLimit, out var problem)
            ?? throw new InvalidMessageException($"ListGroupConversations rejected: {problem}");
        var page = await store.ListAsync(query, context.CancellationToken);
        await context.RespondAsync(new GroupConversationPage(page.Items.Select(c => c.Address).ToList(), page.Next?.Value));
    }
}

public sealed class FindGroupConversationConsumerDefinition : ConsumerDefinition<FindGroupConversationConsumer>
{
    public FindGroupConversationConsumerDefinition() => EndpointName = "registry-reference-lookup";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FindGroupConversationConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}

public sealed class ListGroupConversationsConsumerDefinition : ConsumerDefinition<ListGroupConversationsConsumer>
{
    public ListGroupConversationsConsumerDefinition() => EndpointName = "registry-reference-lookup";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ListGroupConversationsConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
