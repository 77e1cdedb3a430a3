namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// A failure the emulated channel answers connector calls with: which calls it matches (a conversation, a user and an
/// operation, each optional), what it answers (an HTTP status with a Bot Connector ErrorResponse body, optionally a
/// <c>Retry-After</c>, optionally only after hanging) and how many times. Build one with <see cref="Error"/>,
/// <see cref="Throttled"/>, <see cref="Unavailable"/> or <see cref="Hang"/> and narrow it with
/// <see cref="InConversation"/>, <see cref="ForUser"/>, <see cref="On"/> and <see cref="Times"/>;
/// add it with <see cref="ChannelFaults.AddRule"/>.
/// </summary>
public sealed record ChannelFault
{
    /// <summary>The longest a <see cref="ChannelFaultKind.Hang"/> may wait: long enough for any client timeout, short enough that a forgotten rule cannot pin a request for good.</summary>
    public static readonly TimeSpan MaxHang = TimeSpan.FromMinutes(10);

    /// <summary>The largest <see cref="RetryAfter"/>: the Teams hourly window.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>Whether it answers at once or hangs first.</summary>
    public ChannelFaultKind Kind { get; init; } = ChannelFaultKind.Error;

    /// <summary>
    /// Only calls into this conversation (send, reply); null for every conversation. Creates never match a
    /// conversation id, since the conversation does not exist yet: match them with <see cref="UserId"/>.
    /// </summary>
    public string? ConversationId { get; init; }

    /// <summary>
    /// Only calls for this user: creates whose <c>members</c> include the id, sends and replies whose activity's
    /// <c>recipient.id</c> is the id. Null for every user.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Only this call (<see cref="ConnectorOperation.CreateConversation"/>, <see cref="ConnectorOperation.SendToConversation"/>
    /// <see cref="ConnectorOperation.ReplyToActivity"/>, <see cref="ConnectorOperation.UpdateActivity"/> or
    /// <see cref="ConnectorOperation.DeleteActivity"/>); null for all.
    /// </summary>
    public ConnectorOperation? Operation { get; init; }

    /// <summary>The HTTP status answered (400 to 599).</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>
    /// The ErrorResponse <c>error.code</c>; null for the code the service usually answers the status with
    /// (see <see cref="ConnectorErrorCodes"/>). A 403 has several meanings and must name its code.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>The ErrorResponse <c>error.message</c>; null for one naming the fault.</summary>
    public string? Message { get; init; }

    /// <summary>The <c>Retry-After</c> header (whole seconds, rounded up); only for 429 and 503. Null for none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How long a <see cref="ChannelFaultKind.Hang"/> waits before answering; zero for an <see cref="ChannelFaultKind.Error"/>.</summary>
    public TimeSpan HangFor { get; init; }

    /// <summary>How many matching calls it answers before it stops applying; null for every matching call.</summary>
    public int? Count { get; init; }

    /// <summary>Answers with <paramref name="statusCode"/> and <paramref name="errorCode"/>, e.g. 403 <see cref="ConnectorErrorCodes.ConversationBlockedByUser"/>.</summary>
    /// <param name="statusCode">The HTTP status (400 to 599).</param>
    /// <param name="errorCode">The ErrorResponse code; null for the status' usual one.</param>
    /// <param name="message">The ErrorResponse message; null for one naming the fault.</param>
    public static ChannelFault Error(int statusCode, string? errorCode = null, string? message = null) =>
        new() { StatusCode = statusCode, ErrorCode = errorCode, Message = message };

    /// <summary>Answers 429 <see cref="ConnectorErrorCodes.Throttled"/>, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    public static ChannelFault Throttled(TimeSpan? retryAfter = null) =>
        new() { StatusCode = 429, ErrorCode = ConnectorErrorCodes.Throttled, RetryAfter = retryAfter };

    /// <summary>Answers 503 <see cref="ConnectorErrorCodes.ServiceUnavailable"/>, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    public static ChannelFault Unavailable(TimeSpan? retryAfter = null) =>
        new() { StatusCode = 503, ErrorCode = ConnectorErrorCodes.ServiceUnavailable, RetryAfter = retryAfter };

    /// <summary>Answers 504 <see cref="ConnectorErrorCodes.GatewayTimeout"/> only after <paramref name="hangFor"/>, so that the caller times out first.</summary>
    public static ChannelFault Hang(TimeSpan hangFor) =>
        new() { Kind = ChannelFaultKind.Hang, HangFor = hangFor, StatusCode = 504, ErrorCode = ConnectorErrorCodes.GatewayTimeout };

    /// <summary>This fault, for calls into <paramref name="conversationId"/> only.</summary>
    public ChannelFault InConversation(string conversationId) => this with { ConversationId = conversationId };

    /// <summary>This fault, for calls to <paramref name="userId"/> only.</summary>
    public ChannelFault ForUser(string userId) => this with { UserId = userId };

    /// <summary>This fault, for <paramref name="operation"/> only.</summary>
    public ChannelFault On(ConnectorOperation operation) => this with { Operation = operation };

    /// <summary>This fault, for the next <paramref name="count"/> matching calls only.</summary>
    public ChannelFault Times(int count) => this with { Count = count };

    /// <summary>The error code answered: <see cref="ErrorCode"/>, else the status' usual one.</summary>
    internal string AnsweredCode => ErrorCode ?? ConnectorErrorCodes.UsualFor(StatusCode) ?? "";

    /// <summary>Why this fault cannot be applied, or null when it can.</summary>
    internal string? Problem()
    {
        if (!Enum.IsDefined(Kind))
        {
            return $"kind {Kind} is not error or hang.";
        }
        if (Operation is { } operation && operation == ConnectorOperation.UserPost)
        {
            return "operation must be create, send, reply, update or delete: faults apply to the bot's connector calls.";
        }
        if (Operation is { } defined && !Enum.IsDefined(defined))
        {
            return $"operation {defined} is not create, send, reply, update or delete.";
        }
        if (ConversationId is not null && string.IsNullOrWhiteSpace(ConversationId))
        {
            return "conversationId, when given, must not be empty.";
        }
        if (ConversationId is not null && Operation == ConnectorOperation.CreateConversation)
        {
            return "a create has no conversation id yet: match creates with userId instead of conversationId.";
        }
        if (UserId is not null && string.IsNullOrWhiteSpace(UserId))
        {
            return "userId, when given, must not be empty.";
        }
        if (StatusCode is < 400 or > 599)
        {
            return $"status {StatusCode} is not an error: use 400 to 599.";
        }
        if (ErrorCode is not null && string.IsNullOrWhiteSpace(ErrorCode))
        {
            return "code, when given, must not be empty.";
        }
        if (ErrorCode is null && ConnectorErrorCodes.UsualFor(StatusCode) is null)
        {
            return StatusCode == 403
                ? "a 403 needs a code: ConversationBlockedByUser, BotDisabledByAdmin, BotNotInConversationRoster or ForbiddenOperationException."
                : $"status {StatusCode} has no usual error code: give one.";
        }
        if (RetryAfter is { } retryAfter)
        {
            if (StatusCode is not (429 or 503))
            {
                return "retryAfterSeconds only goes with status 429 or 503.";
            }
            if (retryAfter < TimeSpan.Zero || retryAfter > MaxRetryAfter)
            {
                return $"retryAfterSeconds must be between 0 and {MaxRetryAfter.TotalSeconds:0}.";
            }
        }
        if (Kind == ChannelFaultKind.Hang && (HangFor <= TimeSpan.Zero || HangFor > MaxHang))
        {
            return $"a hang needs hangMilliseconds, more than 0 and at most {MaxHang.TotalMilliseconds:0}.";
        }
        if (Kind == ChannelFaultKind.Error && HangFor != TimeSpan.Zero)
        {
            return "only a hang waits: an error answers at once (hangMilliseconds needs kind hang).";
        }
        if (Count is < 1)
        {
            return "times, when given, must be at least 1.";
        }
        return null;
    }

    /// <summary>Whether <paramref name="call"/> is one this fault is for.</summary>
    internal bool Matches(ConnectorCall call) =>
        (Operation is null || Operation == call.Operation)
        && (ConversationId is null || string.Equals(ConversationId, call.ConversationId, StringComparison.Ordinal))
        && (UserId is null || call.UserIds.Contains(UserId, StringComparer.Ordinal));
}
