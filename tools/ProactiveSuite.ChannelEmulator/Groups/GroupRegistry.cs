using System.Globalization;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The group chats and team channels the emulator knows, and whether the bot is in each. Thread-safe; one per
/// emulator. Groups live as long as the emulator: clearing the transcript keeps them, like the faults and limits,
/// since they are the channel's setup rather than what passed through it.
/// </summary>
internal sealed class GroupRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly HashSet<string> _botIn = new(StringComparer.Ordinal);
    private int _teams;

    public EmulatedGroup CreateChat(string? topic, string tenantId, IReadOnlyList<GroupMember> members) =>
        Add(new EmulatedGroup(NewThreadId("v2"), GroupKind.GroupChat, topic, null, null, tenantId, members));

    /// <summary>A new team and its General channel, whose conversation id is the team's id.</summary>
    public EmulatedGroup CreateTeam(string? channelName, string? teamName, string tenantId, IReadOnlyList<GroupMember> members)
    {
        var id = NewThreadId("tacv2");
        lock (_gate)
        {
            _teams++;
            var name = teamName ?? string.Create(CultureInfo.InvariantCulture, $"Team {_teams}");
            return AddLocked(new EmulatedGroup(id, GroupKind.Channel, channelName ?? "General", id, name, tenantId, members));
        }
    }

    /// <summary>A new channel of the team <paramref name="teamId"/>, with the team's members and tenant; null for an unknown team.</summary>
    public EmulatedGroup? CreateChannel(string teamId, string channelName)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(teamId, out var team) || team.Kind != GroupKind.Channel || team.TeamId != teamId)
            {
                return null;
            }
            return AddLocked(new EmulatedGroup(NewThreadId("tacv2"), GroupKind.Channel, channelName, teamId, team.TeamName, team.TenantId, team.Members));
        }
    }

    /// <summary>The group, as it stands now; a channel is also found by a thread's id (<c>;messageid=</c>). Null when unknown.</summary>
    public EmulatedGroup? Find(string conversationId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(ChannelThreadIds.Channel(conversationId), out var group) ? Current(group) : null;
        }
    }

    /// <summary>Every group, oldest first.</summary>
    public IReadOnlyList<EmulatedGroup> All()
    {
        lock (_gate)
        {
            return [.. _order.Select(id => Current(_groups[id]))];
        }
    }

    /// <summary>
    /// Puts the bot in the group (for a channel: in its team) and answers the group as it now stands, or null when
    /// the bot was already there, so two concurrent adds cannot both post the event.
    /// </summary>
    public EmulatedGroup? AddBot(EmulatedGroup group)
    {
        lock (_gate)
        {
            return _botIn.Add(group.RosterKey) ? Current(group) : null;
        }
    }

    /// <summary>Takes the bot out of the group (for a channel: out of its team); null when it was not there.</summary>
    public EmulatedGroup? RemoveBot(EmulatedGroup group)
    {
        lock (_gate)
        {
            return _botIn.Remove(group.RosterKey) ? Current(group) : null;
        }
    }

    private EmulatedGroup Add(EmulatedGroup group)
    {
        lock (_gate)
        {
            return AddLocked(group);
        }
    }

    private EmulatedGroup AddLocked(EmulatedGroup group)
    {
        _groups.Add(group.ConversationId, group);
        _order.Add(group.ConversationId);
        return Current(group);
    }

    private EmulatedGroup Current(EmulatedGroup group) => group with { BotPresent = _botIn.Contains(group.RosterKey) };

    // Teams' thread ids: 19:{32 hex}@thread.v2 for chats, @thread.tacv2 for team channels.
    private static string NewThreadId(string suffix) => $"19:{JsonText.NewId()}@thread.{suffix}";
}
