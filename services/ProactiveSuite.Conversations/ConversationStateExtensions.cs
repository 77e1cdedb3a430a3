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
    /// The conversations' flow state in the store chosen by <c>Store:Provider</c> (as the SDK's
    /// <see cref="IStorage"/>), the state store over it, and the survey flow. Safe to call from every service
    /// of a process: the single-process host calls it from both the Gateway and the Dispatcher.
    /// </summary>
    public static IHostApplicationBuilder AddConversationState(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ConversationStateStore)))
        {
            return builder;
        }

        builder.AddStore<IConversationStorage, EmbeddedBotStorage, MongoBotStorage>();
        builder.Services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IConversationStorage>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.Services.AddSingleton<IConversationFlow, SurveyFlow>();
        builder.Services.AddSingleton<ConversationFlowCatalog>();
        return builder;
    }

    /// <summary>
    /// Erasing a user (<c>EraseUserData</c>) also deletes the state of every conversation they took part
    /// in. Added by one service per deployment (the Dispatcher): the Gateway shares the store but faces the
    /// internet, and an eraser brings the operator's erasure endpoint with it.
    /// </summary>
    public static IHostApplicationBuilder AddConversationStateErasure(this IHostApplicationBuilder builder)
    {
        builder.AddConversationState();
        builder.AddUserDataEraser<ConversationStateEraser>();
        return builder;
    }
}
