using MassTransit;
using ProactiveSuite.Conversations;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Dispatcher.Surveys.Responses.Stores;
using ProactiveSuite.ServiceDefaults.Messaging;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Dispatcher.Surveys;

public static class SurveyServiceExtensions
{
    /// <summary>Surveys: starting them in conversations (shared state with the Gateway) and keeping their results.</summary>
    public static IHostApplicationBuilder AddSurveys(this IHostApplicationBuilder builder)
    {
        builder.AddConversationStateErasure();
        builder.AddStore<ISurveyResultsStore, EmbeddedSurveyResultsStore, MongoSurveyResultsStore>();
        builder.AddUserDataEraser<SurveyResponseEraser>();
        builder.Services.Configure<SurveyOptions>(builder.Configuration.GetSection(SurveyOptions.Section));
        builder.Services.AddScoped<SurveyLauncher>();
        builder.AddBusConsumers(bus =>
        {
            bus.AddConsumer<StartSurveyConsumer, StartSurveyConsumerDefinition>();
            bus.AddConsumer<SurveyResponseConsumer, SurveyResponseConsumerDefinition>();
        });
        return builder;
    }
}
