using MassTransit;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>Validates a <see cref="StartSurvey"/>, launches it, and publishes how it went.</summary>
public sealed partial class StartSurveyConsumer(SurveyLauncher launcher, TimeProvider clock, ILogger<StartSurveyConsumer> logger)
    : IConsumer<StartSurvey>
{
    public async Task Consume(ConsumeContext<StartSurvey> context)
    {
        var command = context.Message;
        IReadOnlyList<object> outcome = SurveyValidation.Problem(command) is { } problem
            ? [new SurveyFailed(command.SurveyId ?? "", command.Recipient, SurveyFailureReasons.Invalid, $"StartSurvey rejected: {problem}", clock.GetUtcNow())]
            : await launcher.LaunchAsync(command, context.CancellationToken);

        foreach (var @event in outcome)
        {
            if (@event is SurveyFailed failed)
            {
                LogFailed(failed.SurveyId, failed.ReasonCode, failed.Reason);
            }

            await context.Publish(@event);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey {SurveyId} not started: {ReasonCode}: {Reason}")]
    private partial void LogFailed(string surveyId, string reasonCode, string reason);
}

public sealed class StartSurveyConsumerDefinition : ConsumerDefinition<StartSurveyConsumer>
{
    public StartSurveyConsumerDefinition() => EndpointName = "dispatcher-start-survey";

    // A redelivered or retried StartSurvey is harmless: the survey runs once per conversation (SurveyStart).
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StartSurveyConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
