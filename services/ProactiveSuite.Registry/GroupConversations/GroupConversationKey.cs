using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Identifiers;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>
/// Identifies one group conversation: a conversation id is only unique within its channel. The channel
/// part follows <see cref="ReferenceKey.ChannelProblem"/>; the conversation id is compared exactly, and must
/// be usable as a path segment of the connector's URL (posts are sent there).
/// </summary>
public readonly record struct GroupConversationKey
{
    private GroupConversationKey(string channelId, string conversationId)
    {
        ChannelId = channelId;
        ConversationId = conversationId;
    }

    public string ChannelId { get; }

    public string ConversationId { get; }

    /// <summary>The key as one string, ordered by channel then conversation: the paging cursor.</summary>
    public string Value => $"{ChannelId}|{ConversationId}";

    public static GroupConversationKey For(string? channelId, string? conversationId) =>
        TryCreate(channelId, conversationId, out var key, out var problem) ? key : throw new ArgumentException(problem);

    public static bool TryCreate(string? channelId, string? conversationId, out GroupConversationKey key, out string problem)
    {
        key = default;
        // A conversation id has the shape rules of a user id (required, bounded, no control characters, no
        // surrounding whitespace) and those of a connector path segment.
        problem = ReferenceKey.ChannelProblem(channelId, out var channel)
            ?? UserIds.Problem(conversationId, "conversationId")
            ?? ConnectorPathSegments.Problem(conversationId, "conversationId")
            ?? "";
        if (problem.Length > 0)
        {
            return false;
        }

        key = new GroupConversationKey(channel, conversationId!);
        return true;
    }

    /// <summary>Reads a <see cref="Value"/> back, e.g. a paging cursor from a client.</summary>
    public static bool TryParse(string? value, out GroupConversationKey key)
    {
        key = default;
        var separator = value?.IndexOf('|') ?? -1;
        return separator > 0 && TryCreate(value![..separator], value[(separator + 1)..], out key, out _);
    }

    public override string ToString() => Value;
}
