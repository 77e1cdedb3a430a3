using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>
/// A reply the connector refused for good (a 4xx other than 408 and 429: a blocked bot, a conversation or
/// serviceUrl path it does not know) ends the turn as answered: a 5xx would make the channel deliver the
/// same activity again for ever, to be refused again. It is logged and counted instead. The reference was
/// captured already (capture runs alongside the turn and is awaited first), so nothing is lost.
/// </summary>
public sealed partial class RefusedReplies
{
    /// <summary>Counter of bot replies the connector refused for good, by channel and status.</summary>
    public const string Metric = "proactivesuite.gateway.replies.refused";

    private const string StatusCodeAttribute = "http.response.status_code";

    private readonly Counter<long> _refused;
    private readonly ILogger<RefusedReplies> _logger;

    public RefusedReplies(IMeterFactory meters, ILogger<RefusedReplies> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _refused = meters.Create(ProactiveSuiteTelemetry.Name).CreateCounter<long>(Metric, "{reply}", "Bot replies the connector refused for good (4xx).");
        _logger = logger;
    }

    /// <returns>True when <paramref name="failure"/> was such a refusal and the turn may end; false for any other failure.</returns>
    public bool Ended(ITurnContext turn, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (PermanentStatusOf(failure) is not { } status)
        {
            return false;
        }

        _refused.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryAttributes.ChannelId, turn.Activity.ChannelId),
            new KeyValuePair<string, object?>(StatusCodeAttribute, status));
        LogRefused(turn.Activity.Type, turn.Activity.ChannelId, turn.Activity.Conversation?.Id, status, failure.Message);
        return true;
    }

    private static int? PermanentStatusOf(Exception failure) => failure switch
    {
        ErrorResponseException { Response: { } response } when IsPermanent(response.StatusCode) => (int)response.StatusCode,
        AggregateException all when all.InnerExceptions.Count == 1 => PermanentStatusOf(all.InnerExceptions[0]),
        _ => null,
    };

    // 408 and 429 pass with time; 5xx are the connector's own failures: those the channel's redelivery may fix.
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector refused the bot's reply to a {ActivityType} from {ChannelId} conversation {ConversationId} with {StatusCode} ({Error}); the turn ends without it")]
    private partial void LogRefused(string activityType, string channelId, string? conversationId, int statusCode, string error);
}
