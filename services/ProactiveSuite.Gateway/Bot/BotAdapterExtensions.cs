using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using ProactiveSuite.Gateway.Capture;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>The Gateway's seam to the Bot Framework SDK: the adapter, its authentication and the bot.</summary>
public static partial class BotAdapterExtensions
{
    /// <summary>Bot credentials (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, …) live under this section.</summary>
    public const string Section = "Bot";

    /// <summary>Whether the capture middleware runs (default true); the benchmark turns it off to measure its overhead.</summary>
    public const string CaptureReferencesKey = "Gateway:CaptureReferences";

    public static IServiceCollection AddBotAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReferenceCaptureMiddleware>();
        services.AddSingleton<RefusedReplies>();
        services.AddHttpContextAccessor();
        // CloudAdapter's constructors are ambiguous to the container, so it is built by hand.
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp =>
        {
            var turnLogger = sp.GetRequiredService<ILogger<CloudAdapter>>();
            var logger = new RefusalsLoggedElsewhere<CloudAdapter>(turnLogger);
            var refusedReplies = sp.GetRequiredService<RefusedReplies>();
            var authentication = new ChannelAuthentication(
                new ConfigurationBotFrameworkAuthentication(configuration.GetSection(Section), logger: logger),
                sp.GetRequiredService<IHttpContextAccessor>());
            var adapter = new CloudAdapter(authentication, logger);
            // Off only to measure what capture costs (docs/benchmarks.md): a Gateway that captures nothing is of no use.
            if (configuration.GetValue(CaptureReferencesKey, defaultValue: true))
            {
                adapter.Use(sp.GetRequiredService<ReferenceCaptureMiddleware>());
            }

            adapter.OnTurnError = (turnContext, exception) =>
            {
                if (refusedReplies.Ended(turnContext, exception))
                {
                    return Task.CompletedTask;
                }

                if (exception is CaptureNotConfirmedException)
                {
                    // The broker is away: one line, not a stack trace per message; readiness reports the outage.
                    LogNotConfirmed(turnLogger, turnContext.Activity.Type, turnContext.Activity.ChannelId, exception.Message);
                    return Task.FromException(exception);
                }

                LogTurnFailed(turnLogger, turnContext.Activity.Type, turnContext.Activity.ChannelId, exception);
                // Rethrown so the channel gets a 500 and delivers the activity again, rather than a 200 for a lost turn:
                // what is left here is ours or passing (the bus, the store, a connector timeout or 5xx).
                return Task.FromException(exception);
            };
            return adapter;
        });
        services.AddTransient<IBot, ProactiveBot>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} turn from {ChannelId} is sent back to the channel: {Reason}")]
    private static partial void LogNotConfirmed(ILogger logger, string activityType, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn from {ChannelId} failed")]
    private static partial void LogTurnFailed(ILogger logger, string activityType, string channelId, Exception exception);
}
