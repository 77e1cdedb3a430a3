using System.Net;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.Dispatcher.Connector;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>What a connector failure means for the delivery, following the channels' published guidance.</summary>
public abstract record FailureVerdict
{
    private FailureVerdict()
    {
    }

    /// <summary>Try again: after <see cref="RetryAfter"/> when the channel said so, else after backoff.</summary>
    public sealed record Retry(TimeSpan? RetryAfter, bool Throttled) : FailureVerdict;

    /// <summary>The user cannot be reached through this conversation: fail, and revoke the reference.</summary>
    public sealed record Gone(string FailureReasonCode, string RevocationReasonCode) : FailureVerdict;

    /// <summary>Retrying cannot help: fail.</summary>
    public sealed record Permanent(string FailureReasonCode) : FailureVerdict;
}

public static class RetryPolicy
{
    /// <summary>
    /// 429 and 412/502/503/504 and no answer at all are passing; 403 and 404 mean the user is gone (by
    /// the connector's error code); 413 and 401 and every other status are final.
    /// </summary>
    public static FailureVerdict Judge(ConnectorException failure) => failure.StatusCode switch
    {
        HttpStatusCode.TooManyRequests => new FailureVerdict.Retry(failure.RetryAfter, Throttled: true),
        null or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => new FailureVerdict.Retry(failure.RetryAfter, Throttled: false),
        HttpStatusCode.Forbidden => failure.ErrorCode switch
        {
            "ConversationBlockedByUser" => new FailureVerdict.Gone(NotificationFailureReasons.UserBlocked, RevocationReasons.UserBlocked),
            "BotDisabledByAdmin" => new FailureVerdict.Gone(NotificationFailureReasons.BotDisabledByAdmin, RevocationReasons.BotDisabledByAdmin),
            "BotNotInConversationRoster" => new FailureVerdict.Gone(NotificationFailureReasons.BotRemoved, RevocationReasons.BotRemoved),
            "ForbiddenOperationException" => new FailureVerdict.Gone(NotificationFailureReasons.NotInstalled, RevocationReasons.NotInstalled),
            _ => new FailureVerdict.Permanent(NotificationFailureReasons.ConnectorRejected),
        },
        HttpStatusCode.NotFound => new FailureVerdict.Gone(NotificationFailureReasons.ConversationNotFound, RevocationReasons.ConversationNotFound),
        HttpStatusCode.RequestEntityTooLarge => new FailureVerdict.Permanent(NotificationFailureReasons.MessageTooLarge),
        HttpStatusCode.Unauthorized => new FailureVerdict.Permanent(NotificationFailureReasons.BotNotRegistered),
        _ => new FailureVerdict.Permanent(NotificationFailureReasons.ConnectorRejected),
    };

    /// <summary>
    /// Exponential backoff with jitter: base × 2^(attempt-1), capped, then a random 50–100 % of it, so
    /// that deliveries throttled together do not all come back together.
    /// </summary>
    public static TimeSpan Backoff(int attempt, DeliveryOptions options, Random random)
    {
        var exponential = options.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, options.BackoffCap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
    }
}
