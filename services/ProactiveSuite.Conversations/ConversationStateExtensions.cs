using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.Conversations.Surveys;
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

        builder.AddStore<IStorage, EmbeddedBotStorage, MongoBotStorage>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.Services.AddSingleton<IConversationFlow, SurveyFlow>();
        builder.Services.AddSingleton<ConversationFlowCatalog>();
        return builder;
    }
}
