namespace ProactiveSuite.ChannelEmulator;

/// <summary>The two kinds of Teams conversation with several users, named as Teams' <c>conversationType</c> names them.</summary>
internal enum GroupKind
{
    /// <summary>A group chat: <c>19:…@thread.v2</c>, conversationType <c>groupChat</c>.</summary>
    GroupChat,

    /// <summary>A channel of a team: <c>19:…@thread.tacv2</c>, conversationType <c>channel</c>; a team's General channel has the team's id.</summary>
    Channel,
}

internal static class GroupKinds
{
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";

    public static string Name(GroupKind kind) => kind == GroupKind.Channel ? Channel : GroupChat;

    public static GroupKind? Parse(string? name) => name switch
    {
        GroupChat => GroupKind.GroupChat,
        Channel => GroupKind.Channel,
        _ => null,
    };
}
