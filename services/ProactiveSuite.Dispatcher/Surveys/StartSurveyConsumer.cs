using MassTransit;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>Validates a <see cref="StartSurvey"/>, launches it, delivers its opening, and publishes how it went.</summary>
public sealed partial class StartSurveyConsumer(
    SurveyLauncher launcher, NotificationDelivery delivery, SurveyOpeningReporting openings, TimeProvider clock, ILogger<StartSurveyConsumer> logger)
    : IConsumer<StartSurvey>
{
    public async Task Consume(ConsumeContext<StartSurvey> context)
    {
        var command = context.Message;
        var launch = SurveyValidation.Problem(command) is { } problem
            ? new SurveyLaunch([new SurveyFailed(command.SurveyId ?? "", command.Recipient, SurveyFailureReasons.Invalid, $"StartSurvey rejected: {problem}", clock.GetUtcNow())], null)
            : await launcher.LaunchAsync(command, context.CancellationToken);

        foreach (var @event in launch.Events)
        {
            if (@event is SurveyFailed failed)
            {
                LogFailed(failed.SurveyId, failed.ReasonCode, failed.Reason);
            }

            await context.Publish(@event);
        }

        if (launch.Opening is { } opening)
        {
            await openings.ReportAsync(context, opening, await delivery.DeliverAsync(opening, context.CancellationToken));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey {SurveyId} not started: {ReasonCode}: {Reason}")]
    private partial void LogFailed(string surveyId, string reasonCode, string reason);
}

public sealed class StartSurveyConsumerDefinition : ConsumerDefinition<StartSurveyConsumer>
{
    public StartSurveyConsumerDefinition() => EndpointName = "dispatcher-start-survey";

    // A redelivered or retried StartSurvey is harmless: the Gateway pushes a survey once per conversation,
    // and the ledger opens it once per recipient.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StartSurveyConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
