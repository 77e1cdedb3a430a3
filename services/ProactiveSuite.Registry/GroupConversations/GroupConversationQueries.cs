using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>The one rule for a page request of group conversations, on the bus and over HTTP.</summary>
public static class GroupConversationQueries
{
    public const int MaxLimit = 1000;

    private static readonly string[] Types = [GroupConversationTypes.GroupChat, GroupConversationTypes.Channel];

    /// <returns>The query, or null with the problem, phrased for a client.</returns>
    public static GroupConversationQuery? From(ListGroupConversations? request, int maxLimit, out string problem)
    {
        problem = "";
        GroupConversationKey? after = null;
        if (request is null)
        {
            problem = "the request is empty";
        }
        else if (string.IsNullOrWhiteSpace(request.ChannelId))
        {
            problem = "channelId is required";
        }
        else if (request.Limit < 1 || request.Limit > maxLimit)
        {
            problem = $"limit must be between 1 and {maxLimit}";
        }
        else if (request.ConversationType is { } type && !Types.Contains(type, StringComparer.Ordinal))
        {
            problem = $"type must be one of {string.Join(", ", Types)}";
        }
        else if (request.After is not null)
        {
            if (GroupConversationKey.TryParse(request.After, out var cursor))
            {
                after = cursor;
            }
            else
            {
                problem = "after is not a cursor this service returned";
            }
        }

        return problem.Length > 0
            ? null
            : new GroupConversationQuery(request!.ChannelId, Blank(request.TenantId), Blank(request.TeamId), request.ConversationType, request.TeamsOnly, after, request.Limit);
    }

    // An empty filter (an unset query parameter, an empty JSON field) filters nothing.
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
