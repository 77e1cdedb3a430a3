using MassTransit;
using Microsoft.Extensions.Options;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Surveys.Responses;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>
/// Starts a survey in a user's conversation: asks the Gateway, which owns the conversation's state, to push
/// it, then hands back its opening for the normal delivery path. The push comes first, so no question asks
/// for a survey that a refusal undid; an opening that cannot be delivered withdraws it again
/// (<see cref="SurveyOpeningReporting"/>).
/// </summary>
public sealed partial class SurveyLauncher(
    ReferenceDirectory references,
    IRequestClient<PushSurvey> gateway,
    IDeliveryLedger ledger,
    ISurveyResultsStore results,
    IOptions<SurveyOptions> options,
    TimeProvider clock,
    ILogger<SurveyLauncher> logger)
{
    /// <param name="command">A command that passed <see cref="SurveyValidation"/>.</param>
    public async Task<SurveyLaunch> LaunchAsync(StartSurvey command, CancellationToken cancellationToken)
    {
        var surveyId = command.SurveyId!;
        var recipient = command.Recipient!;
        var opened = await ledger.FindAsync(SurveyOpening.KeyOf(command), cancellationToken);
        if (opened is { OwesReport: false })
        {
            // The idempotency key is the survey and the recipient, not the conversation: the user may have moved.
            // An opening still waiting for a retry is the schedule's; one settled but not reported goes on below,
            // and its delivery reports it (the Gateway answers the push it already made).
            LogAlreadyOpened(surveyId);
            return SurveyLaunch.Nothing;
        }

        var lookup = await references.FindAsync(recipient, cancellationToken);
        if (lookup.Address is not { } address)
        {
            return Failed(command, SurveyFailureReasons.NoReference,
                $"No conversation with user '{recipient.UserId}' in channel '{recipient.ChannelId}' is stored (the user never wrote to the bot), so the survey cannot start.");
        }

        if (SurveyOpening.OpenedIn(opened, address) is { } openedIn)
        {
            // Its report is owed (being made now, or lost to a crash): asked where it was opened, not where the user moved.
            LogReportOwed(surveyId, openedIn.Conversation.Id);
            address = openedIn;
        }

        var definition = SurveyDefinition.From(command, clock.GetUtcNow());
        if (!(await results.RecordDefinitionAsync(definition, cancellationToken)).AsksTheSameAs(definition))
        {
            return Failed(command, SurveyFailureReasons.Invalid,
                $"StartSurvey rejected: survey '{surveyId}' was first started with other questions (ids, types or choices); results are counted per survey, so a changed survey needs a new surveyId.");
        }

        var expiresAfter = command.ExpiresAfterSeconds ?? (int)options.Value.DefaultExpiry.TotalSeconds;
        var response = await gateway.GetResponse<SurveyPushed, SurveyPushRefused>(new PushSurvey(command, address, expiresAfter), cancellationToken);
        if (response.Is(out Response<SurveyPushRefused>? refused))
        {
            return Failed(command, refused.Message.ReasonCode, refused.Message.Reason);
        }

        var pushed = response.Is(out Response<SurveyPushed>? answer) ? answer.Message : throw new InvalidOperationException("The Gateway answered neither pushed nor refused.");
        if (pushed.AlreadyAnswered)
        {
            LogAlreadyAnswering(surveyId);
            return SurveyLaunch.Nothing;
        }

        var opening = new DeliverToRecipient(
            SurveyOpening.NotificationIdOf(surveyId), recipient, pushed.Opening, [], CreateConversationIfMissing: false, lookup, NotBefore: null, clock.GetUtcNow(),
            new SurveyOpening(surveyId, address, pushed.StartedAt, pushed.ExpiresAt));
        return new SurveyLaunch([], opening);
    }

    private SurveyLaunch Failed(StartSurvey command, string reasonCode, string reason) =>
        new([new SurveyFailed(command.SurveyId!, command.Recipient, reasonCode, reason, clock.GetUtcNow())], null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} was opened for this recipient before; the command changes nothing")]
    private partial void LogAlreadyOpened(string surveyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} was opened for this recipient before, in conversation {ConversationId}; its start is reported from there")]
    private partial void LogReportOwed(string surveyId, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {SurveyId} is already being answered; the command was delivered again and changes nothing")]
    private partial void LogAlreadyAnswering(string surveyId);
}

/// <summary>What a survey start led to: events to publish, and the opening to deliver when it was pushed.</summary>
public sealed record SurveyLaunch(IReadOnlyList<object> Events, DeliverToRecipient? Opening)
{
    public static readonly SurveyLaunch Nothing = new([], null);
}
