using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Surveys;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>
/// The Dispatcher's own unit of work, on its internal <c>dispatcher-deliveries</c> queue: one
/// notification for one recipient. A <see cref="SendNotification"/> becomes one; a broadcast fans out
/// into one per recipient; the schedule hands them back when they are due.
/// </summary>
/// <param name="Lookup">What the Registry said of the recipient when the fan-out already asked it in a batch; null: ask.</param>
/// <param name="RequestedAt">When the command was accepted: the start of "command to delivery".</param>
/// <param name="Survey">Set when this opens a survey: its outcome is reported as the survey's, not a notification's.</param>
public sealed record DeliverToRecipient(
    string NotificationId,
    Recipient Recipient,
    string? Text,
    IReadOnlyList<NotificationAttachment>? Attachments,
    bool CreateConversationIfMissing,
    ReferenceLookup? Lookup,
    DateTimeOffset? NotBefore,
    DateTimeOffset RequestedAt,
    SurveyOpening? Survey = null)
{
    public const string QueueName = "dispatcher-deliveries";

    /// <summary>Its record in the ledger (a method, so that it is not part of the message).</summary>
    public DeliveryKey LedgerKey() => DeliveryKey.Of(NotificationId, Recipient);

    public static DeliverToRecipient From(SendNotification command, DateTimeOffset now) => new(
        command.NotificationId!,
        command.Recipient!,
        command.Text,
        command.Attachments,
        command.CreateConversationIfMissing,
        Lookup: null,
        command.NotBefore,
        now);
}
