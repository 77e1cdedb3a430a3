using System.Diagnostics;
using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Registry.Lookup;

/// <summary>Answers the Dispatcher's look-ups over the bus.</summary>
public sealed class FindConversationReferenceConsumer(UserLookup users) : IConsumer<FindConversationReference>
{
    public async Task Consume(ConsumeContext<FindConversationReference> context)
    {
        var request = context.Message;
        var found = ReferenceKey.TryCreate(request.ChannelId, request.UserId, out var key, out _)
            ? await users.FindAsync(key, context.CancellationToken)
            : new UserFound(null, null);
        var stored = found.Reference;
        Activity.Current?.SetTag(TelemetryAttributes.ChannelId, request.ChannelId).SetTag(TelemetryAttributes.ReferenceFound, stored is not null);

        if (found.UsableAddress is { } address)
        {
            await context.RespondAsync(new ConversationReferenceFound(address, stored!.LastActivityAt));
        }
        else
        {
            await context.RespondAsync(new ConversationReferenceNotFound(request.ChannelId ?? "", request.UserId ?? "", stored?.RevokedReasonCode, stored?.RevokedAt, found.Member));
        }
    }
}

public sealed class FindConversationReferenceConsumerDefinition : ConsumerDefinition<FindConversationReferenceConsumer>
{
    public FindConversationReferenceConsumerDefinition() => EndpointName = "registry-reference-lookup";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FindConversationReferenceConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
