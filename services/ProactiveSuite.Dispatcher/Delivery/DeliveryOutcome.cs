using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>How one delivery ended.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <param name="CreatedReference">When a conversation was created: its reference, to be stored by the Registry.</param>
    public sealed record Delivered(string ConversationId, string? ActivityId, ReferenceCaptured? CreatedReference) : DeliveryOutcome;

    /// <param name="ReasonCode">One of <c>NotificationFailureReasons</c>.</param>
    public sealed record Failed(string ReasonCode, string Reason) : DeliveryOutcome;
}
