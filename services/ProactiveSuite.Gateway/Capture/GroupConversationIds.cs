namespace ProactiveSuite.Gateway.Capture;

/// <summary>
/// A message in a Teams channel's reply thread names the channel with the thread's root appended
/// (<c>19:…@thread.tacv2;messageid=…</c>). The channel itself is the id without it: a post to it is a
/// new post in the channel, which is what a stored channel reference is for.
/// </summary>
public static class GroupConversationIds
{
    private const string ReplyThread = ";messageid=";

    public static string WithoutReplyThread(string conversationId) =>
        conversationId.IndexOf(ReplyThread, StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? conversationId[..at] : conversationId;
}
