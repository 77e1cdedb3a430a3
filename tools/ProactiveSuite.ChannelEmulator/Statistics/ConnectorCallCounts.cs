namespace ProactiveSuite.ChannelEmulator;

/// <summary>How the emulated channel answered the bot's connector calls.</summary>
/// <param name="Creates">Conversations created (<c>POST /v3/conversations</c> accepted).</param>
/// <param name="Sends">Activities delivered with <c>POST /v3/conversations/{id}/activities</c>.</param>
/// <param name="Replies">Activities delivered with <c>POST /v3/conversations/{id}/activities/{activityId}</c>.</param>
/// <param name="Updates">Activities replaced with <c>PUT /v3/conversations/{id}/activities/{activityId}</c>.</param>
/// <param name="Deletes">Activities deleted with <c>DELETE /v3/conversations/{id}/activities/{activityId}</c>.</param>
/// <param name="Throttled">Calls answered 429, by the enforced limits or by a fault rule.</param>
/// <param name="Faulted">Calls answered by any other fault rule (errors and hangs).</param>
public sealed record ConnectorCallCounts(long Creates, long Sends, long Replies, long Throttled, long Faulted, long Updates = 0, long Deletes = 0)
{
    /// <summary>No calls at all.</summary>
    public static ConnectorCallCounts None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Creates, sends, replies, updates and deletes the channel accepted.</summary>
    public long Accepted => Creates + Sends + Replies + Updates + Deletes;
}
