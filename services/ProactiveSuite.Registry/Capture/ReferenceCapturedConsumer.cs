using System.Diagnostics;
using MassTransit;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Telemetry;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.Registry.Capture;

/// <summary>Keeps the newest reference of each user, and of each group conversation, from the Gateway's captures.</summary>
/// <remarks>
/// Anyone on the bus can publish a capture, so a reference whose serviceUrl is not an allowed
/// connector is refused here, into the error queue: stored, it would send the bot's token there.
/// </remarks>
public sealed partial class ReferenceCapturedConsumer(ReferenceCapture capture, ServiceUrlAllowlist allowlist, ILogger<ReferenceCapturedConsumer> logger)
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
        var outcome = await capture.RecordAsync(reference, context.CancellationToken);
        span?.SetTag(TelemetryAttributes.ReferenceOutcome, outcome.ToString());
        LogCaptured(reference.Key.ChannelId, reference.Address.Conversation.Id, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference from {ChannelId} conversation {ConversationId}: {Outcome}")]
    private partial void LogCaptured(string channelId, string conversationId, UpsertOutcome outcome);
}

public sealed class ReferenceCapturedConsumerDefinition : ConsumerDefinition<ReferenceCapturedConsumer>
{
    public ReferenceCapturedConsumerDefinition() => EndpointName = "registry-reference-captured";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ReferenceCapturedConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
