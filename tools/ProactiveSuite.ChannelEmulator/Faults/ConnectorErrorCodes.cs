namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The <c>error.code</c> values the Bot Connector (Teams) answers with, for building <see cref="ChannelFault"/>s that
/// look like the real failures (see shared/connector-facts.md).
/// </summary>
public static class ConnectorErrorCodes
{
    /// <summary>400: the request is malformed.</summary>
    public const string BadArgument = "BadArgument";

    /// <summary>401: wrong credentials, or the bot is not registered.</summary>
    public const string BotNotRegistered = "BotNotRegistered";

    /// <summary>403: the user blocked the bot.</summary>
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";

    /// <summary>403: the tenant admin disabled the bot.</summary>
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";

    /// <summary>403: the bot was removed from the conversation.</summary>
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";

    /// <summary>403: the bot is not installed in the user's personal scope.</summary>
    public const string ForbiddenOperationException = "ForbiddenOperationException";

    /// <summary>404: the conversation is gone.</summary>
    public const string ConversationNotFound = "ConversationNotFound";

    /// <summary>412: a transient conflict; retry.</summary>
    public const string PreconditionFailed = "PreconditionFailed";

    /// <summary>413: the message is too large.</summary>
    public const string MessageSizeTooBig = "MessageSizeTooBig";

    /// <summary>429: too many requests; the answer carries <c>Retry-After</c>.</summary>
    public const string Throttled = "Throttled";

    /// <summary>500 and 502: the service failed.</summary>
    public const string ServiceError = "ServiceError";

    /// <summary>503: the service is unavailable for a while.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";

    /// <summary>504: the service did not answer in time.</summary>
    public const string GatewayTimeout = "GatewayTimeout";

    /// <summary>
    /// The code the service usually answers <paramref name="statusCode"/> with, or null when the status has several
    /// meanings (403) or none we know of: such faults must name their code.
    /// </summary>
    internal static string? UsualFor(int statusCode) => statusCode switch
    {
        400 => BadArgument,
        401 => BotNotRegistered,
        404 => ConversationNotFound,
        412 => PreconditionFailed,
        413 => MessageSizeTooBig,
        429 => Throttled,
        500 or 502 => ServiceError,
        503 => ServiceUnavailable,
        504 => GatewayTimeout,
        _ => null,
    };
}
