using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>Where a bot's connector call into a conversation lands, as Teams decides it for group conversations.</summary>
/// <param name="ConversationId">The conversation the call is recorded and counted under: a channel thread's channel.</param>
/// <param name="ThreadRoot">The thread the call named with <c>;messageid=</c>, or null.</param>
/// <param name="Refusal">403 BotNotInConversationRoster when the group is known and the bot is not in it; else null.</param>
internal sealed record ConnectorTarget(string ConversationId, string? ThreadRoot, IResult? Refusal);

/// <summary>
/// The connector's view of the groups: a bot writes into a group only while it is in the roster, its posts are filed
/// under the group (so users' and bot's posts read as one conversation), and it can list the group's members.
/// Conversation ids the emulator does not know as groups are taken as they are: a bot may hold references from
/// before the emulator started.
/// </summary>
internal sealed class GroupRoster(GroupRegistry groups)
{
    public ConnectorTarget Target(string conversationId)
    {
        if (groups.Find(conversationId) is not { } group)
        {
            return new ConnectorTarget(conversationId, null, null);
        }
        var refusal = group.BotPresent ? null : NotInRoster(group.ConversationId);
        return new ConnectorTarget(group.ConversationId, ChannelThreadIds.Root(conversationId), refusal);
    }

    /// <summary><c>GET /v3/conversations/{conversationId}/members</c>: the group's users as ChannelAccounts.</summary>
    public IResult Members(HttpContext http)
    {
        var conversationId = http.Request.RouteValues["conversationId"] as string ?? throw new InvalidOperationException("The route has no conversationId.");
        if (groups.Find(conversationId) is not { } group)
        {
            return EmulatorResults.Error(
                StatusCodes.Status404NotFound, ConnectorErrorCodes.ConversationNotFound, $"The channel emulator knows no group conversation '{conversationId}'.");
        }
        return group.BotPresent
            ? EmulatorResults.Json(StatusCodes.Status200OK, GroupJson.Members(group.Members))
            : NotInRoster(group.ConversationId);
    }

    private static IResult NotInRoster(string conversationId) =>
        EmulatorResults.Error(
            StatusCodes.Status403Forbidden, ConnectorErrorCodes.BotNotInConversationRoster, $"The bot is not part of the conversation roster of '{conversationId}'.");
}
