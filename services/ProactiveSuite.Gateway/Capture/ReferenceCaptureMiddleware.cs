using MassTransit;
using Microsoft.Extensions.Options;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// Bot middleware that publishes <c>ReferenceCaptured</c> for every activity that tells where a user
/// can be reached, and <c>ReferenceRevoked</c> when the bot is uninstalled. The turn does not end
/// before the broker confirmed the event: when it does not within <see cref="CaptureOptions.ConfirmTimeout"/>
/// the channel is answered 503 and delivers the activity again, instead of the reference being lost. The publish runs alongside the bot's own
/// work rather than before it, so the user waits for the longer of the two, not for both (the
/// conversation flows recognise a redelivered activity, so a bot that already answered does not
/// answer it twice as a new message).
/// </summary>
public sealed partial class ReferenceCaptureMiddleware(IServiceScopeFactory scopes, IOptions<CaptureOptions> options, TimeProvider clock, ILogger<ReferenceCaptureMiddleware> logger)
    : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var capture = CaptureAsync((Activity)turnContext.Activity, cancellationToken);
        await Task.WhenAll(capture, next(cancellationToken));
    }

    private async Task CaptureAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ActivityReference.IsCaptured(activity))
        {
            var captured = ActivityReference.ToCapturedEvent(activity, clock.GetUtcNow());
            System.Diagnostics.Activity.Current.TagConversation(captured.Address.ChannelId, captured.Address.Conversation.Id, captured.Address.Conversation.TenantId);
            await PublishAsync(captured, cancellationToken);
            LogCaptured(captured.Address.ChannelId, captured.Address.Conversation.Id, captured.ActivityType);
        }
        else if (ActivityReference.IsRemoval(activity))
        {
            var revoked = ActivityReference.ToRevokedEvent(activity, clock.GetUtcNow());
            await PublishAsync(revoked, cancellationToken);
            LogRevoked(revoked.ChannelId, revoked.ConversationId);
        }
    }

    /// <exception cref="CaptureNotConfirmedException">The broker did not confirm in time (it is away, or reconnecting).</exception>
    private async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        var patience = options.Value.ConfirmTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(message, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CaptureNotConfirmedException(patience, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The bot was removed from {ChannelId} conversation {ConversationId}: reference revoked")]
    private partial void LogRevoked(string channelId, string conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Captured the reference of {ChannelId} conversation {ConversationId} from a {ActivityType}")]
    private partial void LogCaptured(string channelId, string conversationId, string activityType);
}
