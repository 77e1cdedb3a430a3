using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Broadcasts;

/// <summary>Which conversations a channel audience reaches (<see cref="BroadcastScopes"/>), and how the Registry lists them.</summary>
public static class BroadcastScope
{
    private static readonly string[] Known = [BroadcastScopes.Personal, BroadcastScopes.GroupChats, BroadcastScopes.Channels, BroadcastScopes.Teams];

    public static bool IsKnown(string scope) => Known.Contains(scope, StringComparer.Ordinal);

    /// <summary>True when the audience is users' one-to-one conversations (no scope, or personal).</summary>
    public static bool IsPersonal(BroadcastAudience audience) => audience.Scope is null or BroadcastScopes.Personal;

    /// <summary>The page of group conversations a scope names, after <paramref name="after"/>.</summary>
    public static ListGroupConversations Page(BroadcastAudience audience, string? after, int limit) => audience.Scope switch
    {
        BroadcastScopes.GroupChats => new(audience.ChannelId!, audience.TenantId, null, GroupConversationTypes.GroupChat, after, limit),
        BroadcastScopes.Channels => new(audience.ChannelId!, audience.TenantId, null, GroupConversationTypes.Channel, after, limit),
        BroadcastScopes.Teams => new(audience.ChannelId!, audience.TenantId, null, GroupConversationTypes.Channel, after, limit, TeamsOnly: true),
        _ => throw new ArgumentException($"Scope '{audience.Scope}' lists no group conversations.", nameof(audience)),
    };
}
