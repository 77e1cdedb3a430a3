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
        problem = ReferenceKey.ChannelProblem(channelId, out var channel) ?? ConversationIdProblem(conversationId) ?? "";
        if (problem.Length > 0)
        {
            return false;
        }

        key = new GroupConversationKey(channel, conversationId!);
        return true;
    }

    // What the Gateway lets through as a conversation id is keyable here: a capture it accepted is never refused.
    private static string? ConversationIdProblem(string? conversationId) => conversationId switch
    {
        _ when string.IsNullOrWhiteSpace(conversationId) => "conversationId is required",
        { Length: > ReferenceKey.MaxPartLength } => $"conversationId is longer than {ReferenceKey.MaxPartLength} characters",
        _ when conversationId.Any(char.IsControl) => "conversationId must not contain control characters",
        _ => ConnectorPathSegments.Problem(conversationId, "conversationId"),
    };

    /// <summary>Reads a <see cref="Value"/> back, e.g. a paging cursor from a client.</summary>
    public static bool TryParse(string? value, out GroupConversationKey key)
    {
        key = default;
        var separator = value?.IndexOf('|') ?? -1;
        return separator > 0 && TryCreate(value![..separator], value[(separator + 1)..], out key, out _);
    }

    public override string ToString() => Value;
}
