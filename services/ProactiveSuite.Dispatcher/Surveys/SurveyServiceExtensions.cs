using MassTransit;
using ProactiveSuite.Contracts.Conversations;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Dispatcher.Surveys.Responses.Stores;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Dispatcher.Surveys;

public static class SurveyServiceExtensions
{
    /// <summary>Surveys: starting them in conversations (pushed by the Gateway, which owns them) and keeping their results.</summary>
    public static IHostApplicationBuilder AddSurveys(this IHostApplicationBuilder builder)
    {
        builder.AddStore<ISurveyResultsStore, SurveyResultsStore>(StoreOwner.Dispatcher);
        builder.AddUserDataEraser<SurveyResponseEraser>();
        builder.Services.Configure<SurveyOptions>(builder.Configuration.GetSection(SurveyOptions.Section));
        builder.Services.AddScoped<SurveyLauncher>();
        builder.Services.AddScoped<SurveyOpeningReporting>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<StartSurveyConsumer, StartSurveyConsumerDefinition>();
            bus.AddConsumer<SurveyResponseConsumer, SurveyResponseConsumerDefinition>();
            bus.AddRequestClient<PushSurvey>(RequestTimeout.After(s: 10));
            bus.AddRequestClient<WithdrawSurvey>(RequestTimeout.After(s: 10));
        });
        return builder;
    }
}
