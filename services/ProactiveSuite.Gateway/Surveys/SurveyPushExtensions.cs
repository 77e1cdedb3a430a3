using MassTransit;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.Gateway.Surveys;

public static class SurveyPushExtensions
{
    /// <summary>The Dispatcher's survey requests: push a survey onto a conversation, withdraw it.</summary>
    public static IHostApplicationBuilder AddSurveyPushes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SurveyPushes>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<PushSurveyConsumer, PushSurveyConsumerDefinition>();
            bus.AddConsumer<WithdrawSurveyConsumer, WithdrawSurveyConsumerDefinition>();
        });
        return builder;
    }
}
