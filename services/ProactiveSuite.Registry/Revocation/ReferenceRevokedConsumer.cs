using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Registry.Revocation;

/// <summary>Stops look-ups from handing out a reference the channel said is dead.</summary>
public sealed partial class ReferenceRevokedConsumer(ReferenceRevocation revocations, ILogger<ReferenceRevokedConsumer> logger)
    : IConsumer<ReferenceRevoked>
{
    public async Task Consume(ConsumeContext<ReferenceRevoked> context)
    {
        var revocation = context.Message;
        if (ReferenceRevocation.Problem(revocation) is { } problem)
        {
            throw new InvalidMessageException($"ReferenceRevoked rejected: {problem}");
        }

        var outcome = await revocations.RevokeAsync(revocation, context.CancellationToken);
        LogRevoked(revocation.ChannelId, revocation.ConversationId, revocation.ReasonCode, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation of {ChannelId} conversation {ConversationId} ({ReasonCode}): {Outcome}")]
    private partial void LogRevoked(string channelId, string conversationId, string reasonCode, UpsertOutcome outcome);
}

public sealed class ReferenceRevokedConsumerDefinition : ConsumerDefinition<ReferenceRevokedConsumer>
{
    public ReferenceRevokedConsumerDefinition() => EndpointName = "registry-reference-revoked";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReferenceRevokedConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
