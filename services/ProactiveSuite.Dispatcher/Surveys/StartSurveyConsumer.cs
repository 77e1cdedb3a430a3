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
        IReadOnlyList<object> outcome;
        if (SurveyValidation.Problem(command) is { } problem)
        {
            LogInvalid(command.SurveyId ?? "", problem);
            outcome = [new SurveyFailed(command.SurveyId ?? "", command.Recipient, SurveyFailureReasons.Invalid, $"StartSurvey rejected: {problem}", clock.GetUtcNow())];
        }
        else
        {
            outcome = await launcher.LaunchAsync(command, context.CancellationToken);
        }

        foreach (var @event in outcome)
        {
            await context.Publish(@event);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "StartSurvey {SurveyId} rejected: {Problem}")]
    private partial void LogInvalid(string surveyId, string problem);
}

public sealed class StartSurveyConsumerDefinition : ConsumerDefinition<StartSurveyConsumer>
{
    public StartSurveyConsumerDefinition() => EndpointName = "dispatcher-start-survey";

    // A redelivered or retried StartSurvey is harmless: the survey runs once per conversation (SurveyStart).
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StartSurveyConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseShortRetries();
}
