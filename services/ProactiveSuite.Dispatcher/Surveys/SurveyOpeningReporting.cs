using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>
/// Tells the world how a survey's opening went: delivered, the survey started; failed for good, the
/// Gateway withdraws it, then the publisher learns why. A replayed outcome is published again (harmless).
/// </summary>
public sealed partial class SurveyOpeningReporting(IRequestClient<WithdrawSurvey> gateway, IDeliveryLedger ledger, DeliveryTelemetry telemetry, TimeProvider clock, ILogger<SurveyOpeningReporting> logger)
{
    public async Task ReportAsync(ConsumeContext context, DeliverToRecipient request, DeliveryOutcome outcome)
    {
        var opening = request.Survey ?? throw new ArgumentException("Not a survey's opening.", nameof(request));
        var ct = context.CancellationToken;
        if (!outcome.Replayed)
        {
            telemetry.Ended(request.Recipient, outcome, request.RequestedAt);
        }

        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                await context.Publish(new SurveyStarted(opening.SurveyId, request.Recipient, delivered.ConversationId, delivered.ActivityId, opening.ExpiresAt, opening.StartedAt), ct);
                LogStarted(opening.SurveyId, delivered.ConversationId);
                break;
            case DeliveryOutcome.Failed failed:
                if (failed.Revocation is { } revocation)
                {
                    await context.Publish(revocation, ct);
                }

                // Withdrawn before SurveyFailed says so; a Gateway that does not answer fails this attempt, and the retry asks again.
                await gateway.GetResponse<SurveyWithdrawn>(new WithdrawSurvey(opening.SurveyId, opening.Address), ct);
                var reasonCode = failed.ReasonCode == NotificationFailureReasons.Transient ? SurveyFailureReasons.Transient : SurveyFailureReasons.ConnectorRejected;
                var reason = $"The first question could not be delivered, so the survey was withdrawn: {failed.ReasonCode}: {failed.Reason}";
                await context.Publish(new SurveyFailed(opening.SurveyId, request.Recipient, reasonCode, reason, clock.GetUtcNow()), ct);
                LogWithdrawn(opening.SurveyId, failed.ReasonCode);
                break;
            default:
                return;
        }

        if (!outcome.Replayed)
        {
            // As for notifications: the settled record is the outbox entry, reported once this is done.
            await ledger.MarkReportedAsync(request.LedgerKey(), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} started in conversation {ConversationId}")]
    private partial void LogStarted(string surveyId, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey {SurveyId}: its opening could not be delivered ({ReasonCode}); withdrawn")]
    private partial void LogWithdrawn(string surveyId, string reasonCode);
}
