namespace ProactiveSuite.ServiceDefaults.Identifiers;

/// <summary>
/// Conversation and activity ids become path segments of the connector's URL
/// (<c>/v3/conversations/{conversationId}/activities/{activityId}</c>). A dot segment is removed by every
/// URL parser on the way (the call then reaches another resource), and '/', '\', '?' and '#' end a segment,
/// a path or the URL itself; escaped, servers and proxies decode or refuse the first two. No channel's ids
/// hold any of them, so such an id is refused where it arrives rather than failing the bot's reply.
/// </summary>
public static class ConnectorPathSegments
{
    private static readonly char[] Delimiters = ['/', '\\', '?', '#'];

    /// <param name="id">The id as it arrived; null or empty is left to the caller's own "required" rule.</param>
    /// <param name="member">How the reason names it, e.g. <c>conversation.id</c>.</param>
    /// <returns>Null when the id can be a path segment, else why not.</returns>
    public static string? Problem(string? id, string member) =>
        id is "." or ".." || id?.IndexOfAny(Delimiters) >= 0
            ? $"{member} cannot be a path segment of the connector's URL: '.', '..' and ids holding '/', '\\', '?' or '#' are refused"
            : null;
}
