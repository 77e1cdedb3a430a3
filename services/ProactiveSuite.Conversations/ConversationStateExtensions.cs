using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Conversations;

public static class ConversationStateExtensions
{
    /// <summary>
    /// The conversations' flow state in the Gateway's store (as the SDK's <see cref="IStorage"/>), the state
    /// store over it, and the survey flow. Only the Gateway writes it; the Dispatcher asks it over the bus.
    /// </summary>
    public static IHostApplicationBuilder AddConversationState(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ConversationStateStore)))
        {
            return builder;
        }

        builder.AddStore<IConversationStorage, BotStorage>(StoreOwner.Gateway);
        builder.Services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IConversationStorage>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.Services.AddSingleton<IConversationFlow, SurveyFlow>();
        builder.Services.AddSingleton<ConversationFlowCatalog>();
        return builder;
    }

    /// <summary>
    /// Erasing a user (<c>EraseUserData</c>, from the bus) also deletes the state of every conversation they
    /// took part in.
    /// </summary>
    public static IHostApplicationBuilder AddConversationStateErasure(this IHostApplicationBuilder builder)
    {
        builder.AddConversationState();
        builder.AddUserDataEraser<ConversationStateEraser>(operatorEndpoint: false);
        return builder;
    }
}
