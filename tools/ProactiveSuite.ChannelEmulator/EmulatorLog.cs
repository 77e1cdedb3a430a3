namespace ProactiveSuite.ChannelEmulator;

/// <summary>What a person running the demo reads in the console: every message crossing the emulated channel.</summary>
internal static partial class EmulatorLog
{
    public const string Category = "ProactiveSuite.ChannelEmulator";

    public static void BotSent(ILogger logger, RecordedActivity activity)
    {
        // The summary goes through a local: CA1873 does not yet see IsEnabled guards around [LoggerMessage] calls (dotnet/sdk#50893).
        if (logger.IsEnabled(LogLevel.Information))
        {
            var text = Summary(activity);
            BotSent(logger, activity.ConversationId, text);
        }
    }

    public static void UserSent(ILogger logger, string userId, RecordedActivity activity)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var text = Summary(activity);
            UserSent(logger, userId, activity.ConversationId, text);
        }
    }

    public static void FaultInjected(ILogger logger, ChannelFault fault, ConnectorCall call)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var code = fault.AnsweredCode;
            var where = Where(call);
            FaultInjected(logger, fault.StatusCode, code, call.Operation, where);
        }
    }

    public static void Throttled(ILogger logger, ConnectorCall call, Throttling throttling)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var where = Where(call);
            Throttled(logger, call.Operation, where, throttling.Message);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Channel emulator: bot -> {ConversationId}: {Text}")]
    private static partial void BotSent(ILogger logger, string conversationId, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Channel emulator: bot created conversation {ConversationId} with {MemberCount} member(s)")]
    public static partial void ConversationCreated(ILogger logger, string conversationId, int memberCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Channel emulator: {UserId} -> bot in {ConversationId}: {Text}")]
    private static partial void UserSent(ILogger logger, string userId, string conversationId, string text);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Channel emulator: the gateway {GatewayUrl} did not accept activity {ActivityId} (status {GatewayStatus}): {GatewayBody}")]
    public static partial void GatewayRefused(ILogger logger, Uri gatewayUrl, string activityId, int? gatewayStatus, string gatewayBody);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Channel emulator: fault {StatusCode} {ErrorCode} answers {Operation} in {ConversationId}")]
    private static partial void FaultInjected(ILogger logger, int statusCode, string errorCode, ConnectorOperation operation, string conversationId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Channel emulator: 429 answers {Operation} in {ConversationId}: {Reason}")]
    private static partial void Throttled(ILogger logger, ConnectorOperation operation, string conversationId, string reason);

    /// <summary>What to print for an activity: its text, or its type when it has none (typing, cards, events).</summary>
    private static string Summary(RecordedActivity activity) => activity.Text ?? $"[{activity.Type}]";

    private static string Where(ConnectorCall call) => call.ConversationId ?? "a new conversation";
}
