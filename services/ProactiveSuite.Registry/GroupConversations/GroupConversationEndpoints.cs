using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.GroupConversations;

/// <summary>Group conversation look-ups over HTTP, beside the users' (<c>/references</c>).</summary>
public static class GroupConversationEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapGroupConversationLookups(this IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/conversations").WithTags("Group conversations");

        conversations.MapGet("/{channelId}/{conversationId}", async (string channelId, string conversationId, IGroupConversationStore store, CancellationToken ct) =>
        {
            if (!GroupConversationKey.TryCreate(channelId, conversationId, out var key, out var problem))
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            }

            return await store.FindAsync(key, ct) switch
            {
                { IsRevoked: false } stored => Results.Ok(stored),
                { } revoked => Results.Problem(
                    $"The group conversation '{key.ConversationId}' in channel '{key.ChannelId}' was revoked ({revoked.RevokedReasonCode}).",
                    statusCode: StatusCodes.Status404NotFound,
                    extensions: new Dictionary<string, object?> { ["revokedReasonCode"] = revoked.RevokedReasonCode, ["revokedAt"] = revoked.RevokedAt }),
                null => Results.Problem($"No group conversation '{key.ConversationId}' is stored in channel '{key.ChannelId}'.", statusCode: StatusCodes.Status404NotFound),
            };
        });

        conversations.MapGet("/", async (string? channelId, string? tenantId, string? teamId, string? type, bool? teamsOnly, string? after, int? limit, IGroupConversationStore store, CancellationToken ct) =>
        {
            var request = new ListGroupConversations(channelId!, tenantId, teamId, type, after, limit ?? DefaultPageSize, teamsOnly ?? false);
            if (GroupConversationQueries.From(request, MaxPageSize, out var problem) is not { } query)
            {
                return Results.Problem(problem + ".", statusCode: StatusCodes.Status400BadRequest);
            }

            var page = await store.ListAsync(query, ct);
            return Results.Ok(new { items = page.Items, next = page.Next?.Value });
        });

        return endpoints;
    }
}
