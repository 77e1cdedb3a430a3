namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// A message in a Teams channel thread names the channel with the thread's root appended
/// (<c>19:…@thread.tacv2;messageid=…</c>); the channel itself is the id without it. Same rule as the Gateway's
/// GroupConversationIds, restated because the emulator references no service.
/// </summary>
internal static class ChannelThreadIds
{
    private const string ReplyThread = ";messageid=";

    public static string Channel(string conversationId) =>
        conversationId.IndexOf(ReplyThread, StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? conversationId[..at] : conversationId;

    /// <summary>The thread's root message id, or null when the id names the channel itself.</summary>
    public static string? Root(string conversationId) =>
        conversationId.IndexOf(ReplyThread, StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? conversationId[(at + ReplyThread.Length)..] : null;

    public static string InThread(string channelId, string rootId) => channelId + ReplyThread + rootId;
}
