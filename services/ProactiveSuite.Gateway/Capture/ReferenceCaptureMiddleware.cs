using MassTransit;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// Bot middleware that publishes <c>ReferenceCaptured</c> for every activity that tells where a user
/// can be reached, before the bot answers. Publishing first means that when the bus is down the turn
/// fails and the channel delivers the activity again, instead of the reference being lost.
/// </summary>
public sealed partial class ReferenceCaptureMiddleware(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReferenceCaptureMiddleware> logger)
    : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        if (ActivityReference.IsCaptured(turnContext.Activity))
        {
            var captured = ActivityReference.ToCapturedEvent((Activity)turnContext.Activity, clock.GetUtcNow());
            System.Diagnostics.Activity.Current.TagConversation(captured.Address.ChannelId, captured.Address.Conversation.Id, captured.Address.Conversation.TenantId);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(captured, cancellationToken);
            LogCaptured(captured.Address.ChannelId, captured.Address.Conversation.Id, captured.ActivityType);
        }

        await next(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Captured the reference of {ChannelId} conversation {ConversationId} from a {ActivityType}")]
    private partial void LogCaptured(string channelId, string conversationId, string activityType);
}
