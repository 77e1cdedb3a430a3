using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Registry.Lookup;

/// <summary>Answers batch look-ups: a broadcast to a list finds its recipients in pages, not one by one.</summary>
public sealed class FindConversationReferencesConsumer(UserLookup lookup) : IConsumer<FindConversationReferences>
{
    public async Task Consume(ConsumeContext<FindConversationReferences> context)
    {
        var users = context.Message.Users ?? [];
        if (users.Count > FindConversationReferences.MaxUsers)
        {
            throw new InvalidMessageException($"FindConversationReferences rejected: more than {FindConversationReferences.MaxUsers} users");
        }

        var keys = users.Select(u => ReferenceKey.TryCreate(u?.ChannelId, u?.UserId, out var key, out _) ? key : (ReferenceKey?)null).ToList();
        var found = await lookup.FindManyAsync(keys, context.CancellationToken);
        var results = users.Select((user, i) => new ConversationReferenceResult(
            user?.ChannelId ?? "",
            user?.UserId ?? "",
            found[i].UsableAddress,
            found[i].Reference?.RevokedReasonCode,
            found[i].Member)).ToList();
        await context.RespondAsync(new ConversationReferencesFound(results));
    }
}

/// <summary>Answers audience pages: every active reference of a channel (and tenant), page by page.</summary>
public sealed class ListConversationReferencesConsumer(IConversationReferenceStore store) : IConsumer<ListConversationReferences>
{
    public async Task Consume(ConsumeContext<ListConversationReferences> context)
    {
        var request = context.Message;
        if (string.IsNullOrWhiteSpace(request.ChannelId) || request.Limit is < 1 or > 1000)
        {
            throw new InvalidMessageException("ListConversationReferences rejected: channelId is required and limit must be 1 to 1000");
        }

        ReferenceKey? after = null;
        if (request.After is not null)
        {
            after = ReferenceKey.TryParse(request.After, out var cursor)
                ? cursor
                : throw new InvalidMessageException("ListConversationReferences rejected: after is not a cursor the Registry returned");
        }

        var page = await store.ListAsync(new ReferencePageRequest(request.ChannelId, after, request.Limit, request.TenantId, ActiveOnly: true), context.CancellationToken);
        await context.RespondAsync(new ConversationReferencePage(page.Items.Select(r => r.Address).ToList(), page.Next?.Value));
    }
}

public sealed class FindConversationReferencesConsumerDefinition : ConsumerDefinition<FindConversationReferencesConsumer>
{
    public FindConversationReferencesConsumerDefinition() => EndpointName = "registry-reference-lookup";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FindConversationReferencesConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}

public sealed class ListConversationReferencesConsumerDefinition : ConsumerDefinition<ListConversationReferencesConsumer>
{
    public ListConversationReferencesConsumerDefinition() => EndpointName = "registry-reference-lookup";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ListConversationReferencesConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
