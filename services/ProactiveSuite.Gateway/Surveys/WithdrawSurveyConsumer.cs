using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Gateway.Surveys;

/// <summary>Takes a survey whose opening could not be delivered off its conversation.</summary>
public sealed class WithdrawSurveyConsumer(SurveyPushes pushes) : IConsumer<WithdrawSurvey>
{
    public async Task Consume(ConsumeContext<WithdrawSurvey> context) =>
        await context.RespondAsync(new SurveyWithdrawn(context.Message.SurveyId, await pushes.WithdrawAsync(context.Message, context.CancellationToken)));
}

public sealed class WithdrawSurveyConsumerDefinition : ConsumerDefinition<WithdrawSurveyConsumer>
{
    public WithdrawSurveyConsumerDefinition() => EndpointName = "gateway-withdraw-survey";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WithdrawSurveyConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseShortRetries();
}
