using System.Diagnostics;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// The domain attributes that make a span findable. Identifiers only: never message text and never user
/// names (a user's id is left out as well, being personal data; a notification is found by its id).
/// </summary>
public static class TelemetryAttributes
{
    /// <summary>The publisher's idempotency key of a <c>SendNotification</c>.</summary>
    public const string NotificationId = "proactivesuite.notification.id";

    public const string SurveyId = "proactivesuite.survey.id";

    /// <summary>The channel, e.g. <c>msteams</c>.</summary>
    public const string ChannelId = "proactivesuite.channel.id";

    /// <summary>The Microsoft Entra tenant of a Teams conversation, when known.</summary>
    public const string TenantId = "proactivesuite.tenant.id";

    public const string ConversationId = "proactivesuite.conversation.id";

    /// <summary><c>delivered</c> or <c>failed</c>.</summary>
    public const string DeliveryOutcome = "proactivesuite.delivery.outcome";

    /// <summary>A failed delivery's <c>reasonCode</c> (<c>NoReference</c>, <c>Transient</c>, …).</summary>
    public const string DeliveryReason = "proactivesuite.delivery.reason";

    /// <summary>What a capture did to the stored reference: <c>Stored</c>, <c>Stale</c> or <c>GroupConversation</c> (not stored).</summary>
    public const string ReferenceOutcome = "proactivesuite.reference.outcome";

    /// <summary>Whether a look-up found a stored reference.</summary>
    public const string ReferenceFound = "proactivesuite.reference.found";

    /// <summary>Set on a receive span that continues a publisher's W3C <c>traceparent</c> (see <see cref="TraceParentContinuationFilter"/>).</summary>
    public const string ContinuedFrom = "proactivesuite.trace.continued_from";

    /// <summary>Tags the current span (the consume or request span) with where a message goes or came from.</summary>
    public static Activity? TagConversation(this Activity? activity, string? channelId, string? conversationId, string? tenantId)
    {
        activity?.SetTag(ChannelId, channelId);
        activity?.SetTag(ConversationId, conversationId);
        activity?.SetTag(TenantId, tenantId);
        return activity;
    }
}
