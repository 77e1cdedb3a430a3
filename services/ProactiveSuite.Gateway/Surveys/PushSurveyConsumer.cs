using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Gateway.Surveys;

/// <summary>Answers the Dispatcher's <see cref="PushSurvey"/>: the survey pushed, or why not.</summary>
public sealed class PushSurveyConsumer(SurveyPushes pushes) : IConsumer<PushSurvey>
{
    public async Task Consume(ConsumeContext<PushSurvey> context) =>
        await context.RespondAsync(await pushes.PushAsync(context.Message, context.CancellationToken));
}

public sealed class PushSurveyConsumerDefinition : ConsumerDefinition<PushSurveyConsumer>
{
    public PushSurveyConsumerDefinition() => EndpointName = "gateway-push-survey";

    // Deciding again is harmless: a second push of the same survey finds it running and answers the same.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PushSurveyConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
