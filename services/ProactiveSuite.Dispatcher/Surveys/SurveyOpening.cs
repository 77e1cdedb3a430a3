using ProactiveSuite.Contracts.References;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>
/// The message that opens a survey (its title and first question), delivered like any notification:
/// ledger, pacing, retries and the allowlist. Its ledger key is the survey id and the recipient, which is
/// the survey's idempotency key: a recipient's survey opens once, whatever their conversation since.
/// </summary>
/// <param name="Address">The conversation the Gateway pushed the survey onto (to withdraw it from).</param>
public sealed record SurveyOpening(string SurveyId, ConversationAddress Address, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Reserved: a publisher's notification id may not start with it (<c>NotificationValidation</c>).</summary>
    public const string NotificationIdPrefix = "survey-opening:";

    /// <summary>The notification id of a survey's openings in the ledger.</summary>
    public static string NotificationIdOf(string surveyId) => NotificationIdPrefix + surveyId;

    public static DeliveryKey KeyOf(StartSurvey command) =>
        DeliveryKey.Of(NotificationIdOf(command.SurveyId!), command.Recipient!);

    /// <summary>
    /// The conversation an opening was delivered to, when its record says so and the user has moved since
    /// (<paramref name="current"/> is where their reference leads now); null otherwise.
    /// </summary>
    public static ConversationAddress? OpenedIn(DeliveryRecord? opened, ConversationAddress current) =>
        opened is { State: DeliveryState.Delivered, ConversationId: { } conversationId } && conversationId != current.Conversation.Id
            ? current with
            {
                ServiceUrl = opened.Copy?.ServiceUrl ?? current.ServiceUrl,
                Conversation = current.Conversation with { Id = conversationId },
                Bot = opened.Copy?.BotId is { } botId ? current.Bot with { Id = botId } : current.Bot,
            }
            : null;
}
