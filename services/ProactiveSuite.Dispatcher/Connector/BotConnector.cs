using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Connector;

/// <summary>
/// <see cref="IChannelConnector"/> on the Bot Framework SDK's <see cref="CloudAdapter"/>: the same
/// <c>ContinueConversationAsync</c> and <c>CreateConversationAsync</c> calls as the classic proactive
/// samples, with the bot's credentials from the <c>Bot</c> configuration section.
/// </summary>
internal sealed class BotConnector : IChannelConnector
{
    private readonly CloudAdapter _adapter;
    private readonly string _botAppId;

    public BotConnector(IConfiguration configuration, IHttpClientFactory httpClients, ILogger<BotConnector> logger)
    {
        var bot = configuration.GetSection("Bot");
        _botAppId = bot["MicrosoftAppId"] ?? "";
        var authentication = new ReusedConnectorClients(new ConfigurationBotFrameworkAuthentication(bot, httpClientFactory: httpClients, logger: logger));
        _adapter = new CloudAdapter(authentication, logger);
    }

    public async Task<string?> SendAsync(ConversationAddress address, OutboundMessage message, CancellationToken cancellationToken)
    {
        string? activityId = null;
        await CallConnectorAsync(() => _adapter.ContinueConversationAsync(
            _botAppId,
            ToReference(address),
            async (turn, ct) => activityId = await PostNewMessageAsync(turn, message, ct),
            cancellationToken));
        return activityId;
    }

    public async Task<CreatedConversation> CreateConversationAsync(ChannelEndpoint endpoint, Recipient recipient, OutboundMessage message, CancellationToken cancellationToken)
    {
        var userId = recipient.UserId ?? throw new ArgumentException("A one-to-one conversation is created with a user.", nameof(recipient));
        // Teams wants the tenant in both places.
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(endpoint.BotId, endpoint.BotName),
            Members = [new ChannelAccount(userId)],
            TenantId = recipient.TenantId,
            ChannelData = recipient.TenantId is null ? null : new JObject { ["tenant"] = new JObject { ["id"] = recipient.TenantId } },
        };
        CreatedConversation? created = null;
        await CallConnectorAsync(() => _adapter.CreateConversationAsync(
            _botAppId,
            recipient.ChannelId,
            endpoint.ServiceUrl,
            audience: null,
            parameters,
            async (turn, ct) =>
            {
                var activityId = await PostNewMessageAsync(turn, message, ct);
                var conversation = turn.Activity.Conversation;
                created = new CreatedConversation(
                    new ConversationAddress(
                        recipient.ChannelId,
                        endpoint.ServiceUrl,
                        new ConversationInfo(conversation.Id, conversation.ConversationType, recipient.TenantId, IsGroup: false),
                        new ParticipantInfo(userId, null, null),
                        new ParticipantInfo(endpoint.BotId, endpoint.BotName, null),
                        Locale: null),
                    activityId);
            },
            cancellationToken));
        return created ?? throw new ConnectorException(null, null, "The connector created no conversation.");
    }

    public Task DeleteAsync(ConversationAddress address, string activityId, CancellationToken cancellationToken) =>
        CallConnectorAsync(() => _adapter.ContinueConversationAsync(
            _botAppId,
            ToReference(address),
            (turn, ct) => turn.DeleteActivityAsync(activityId, ct),
            cancellationToken));

    public Task UpdateAsync(ConversationAddress address, string activityId, OutboundMessage message, CancellationToken cancellationToken) =>
        CallConnectorAsync(() => _adapter.ContinueConversationAsync(
            _botAppId,
            ToReference(address),
            (turn, ct) =>
            {
                var activity = ToActivity(message);
                activity.Id = activityId;
                return turn.UpdateActivityAsync(activity, ct);
            },
            cancellationToken));

    /// <summary>
    /// Posts a message that starts something new in the conversation. The SDK gives a proactive turn a
    /// made-up activity id, and would post a reply to it; without the id the adapter uses the connector's
    /// "send to conversation" endpoint, which is the one meant for proactive messages.
    /// </summary>
    private static async Task<string?> PostNewMessageAsync(ITurnContext turn, OutboundMessage message, CancellationToken cancellationToken)
    {
        turn.Activity.Id = null;
        return (await turn.SendActivityAsync(ToActivity(message), cancellationToken))?.Id;
    }

    private static async Task CallConnectorAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ErrorResponseException e)
        {
            throw new ConnectorException(
                e.Response?.StatusCode,
                e.Body?.Error?.Code,
                $"The connector answered {(int?)e.Response?.StatusCode} {e.Body?.Error?.Code}: {e.Body?.Error?.Message}",
                e,
                RetryAfterOf(e.Response));
        }
        catch (Microsoft.Rest.HttpOperationException e)
        {
            throw new ConnectorException(e.Response?.StatusCode, null, $"The connector answered {(int?)e.Response?.StatusCode}: {e.Message}", e, RetryAfterOf(e.Response));
        }
        catch (HttpRequestException e)
        {
            throw new ConnectorException(e.StatusCode, null, $"The connector could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new ConnectorException(null, null, "The connector did not answer in time.", e);
        }
    }

    /// <summary>Retry-After as seconds or as an HTTP date, the two forms RFC 9110 allows.</summary>
    private static TimeSpan? RetryAfterOf(Microsoft.Rest.HttpResponseMessageWrapper? response)
    {
        if (response?.Headers is null
            || !response.Headers.TryGetValue("Retry-After", out var values)
            || values.FirstOrDefault() is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero)
            : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static ConversationReference ToReference(ConversationAddress address) => new()
    {
        ChannelId = address.ChannelId,
        ServiceUrl = address.ServiceUrl,
        Conversation = new ConversationAccount(address.Conversation.IsGroup, address.Conversation.ConversationType, address.Conversation.Id, tenantId: address.Conversation.TenantId),
        // A group conversation's address names no user: its post is addressed to no one.
        User = address.User.Id.Length == 0 ? null : new ChannelAccount(address.User.Id, address.User.Name, aadObjectId: address.User.AadObjectId),
        Bot = new ChannelAccount(address.Bot.Id, address.Bot.Name),
        Locale = address.Locale,
    };

    private static Activity ToActivity(OutboundMessage message)
    {
        var activity = MessageFactory.Text(message.Text);
        if (message.Attachments.Count > 0)
        {
            activity.Attachments = message.Attachments.Select(a => new Attachment
            {
                ContentType = a.ContentType,
                ContentUrl = a.ContentUrl,
                Name = a.Name,
                Content = a.Content is { } content ? JToken.Parse(content.GetRawText()) : null,
            }).ToList();
        }

        return activity;
    }
}
