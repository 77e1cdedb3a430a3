using System.Diagnostics;
using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Telemetry;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Registry.Capture;

/// <summary>Keeps the newest reference of each user from the Gateway's captures.</summary>
/// <remarks>
/// Anyone on the bus can publish a capture, so a reference whose serviceUrl is not an allowed
/// connector is refused here, into the error queue: stored, it would send the bot's token there.
/// </remarks>
public sealed partial class ReferenceCapturedConsumer(IConversationReferenceStore store, ServiceUrlAllowlist allowlist, ILogger<ReferenceCapturedConsumer> logger)
    : IConsumer<ReferenceCaptured>
{
    public async Task Consume(ConsumeContext<ReferenceCaptured> context)
    {
        if ((CapturedReferenceValidation.Problem(context.Message) ?? allowlist.Problem(context.Message.Address.ServiceUrl)) is { } problem)
        {
            throw new InvalidMessageException($"ReferenceCaptured rejected: {problem}");
        }

        var reference = StoredReference.From(context.Message);
        var span = Activity.Current.TagConversation(reference.Key.ChannelId, reference.Address.Conversation.Id, reference.Address.Conversation.TenantId);
        if (reference.Address.Conversation.IsGroup)
        {
            // A group conversation is not where a personal notification belongs; only one-to-one
            // conversations become a user's reference.
            span?.SetTag(TelemetryAttributes.ReferenceOutcome, "GroupConversation");
            LogGroupConversationSkipped(reference.Key.ChannelId, reference.Address.Conversation.Id);
            return;
        }

        var outcome = await store.UpsertNewestAsync(reference, context.CancellationToken);
        span?.SetTag(TelemetryAttributes.ReferenceOutcome, outcome.ToString());
        LogCaptured(reference.Key.ChannelId, reference.Address.Conversation.Id, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference from {ChannelId} conversation {ConversationId}: {Outcome}")]
    private partial void LogCaptured(string channelId, string conversationId, UpsertOutcome outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reference from {ChannelId} group conversation {ConversationId} not stored")]
    private partial void LogGroupConversationSkipped(string channelId, string conversationId);
}

public sealed class ReferenceCapturedConsumerDefinition : ConsumerDefinition<ReferenceCapturedConsumer>
{
    public ReferenceCapturedConsumerDefinition() => EndpointName = "registry-reference-captured";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReferenceCapturedConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
