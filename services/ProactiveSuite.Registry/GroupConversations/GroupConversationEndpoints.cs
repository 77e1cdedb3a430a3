using ProactiveSuite.Contracts.References;
using ProactiveSuite.ServiceDefaults.Http;

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

        conversations.MapGet("/", async (HttpRequest http, IGroupConversationStore store, CancellationToken ct) =>
        {
            var values = new QueryValues(http.Query);
            var request = new ListGroupConversations(
                values.Text("channelId")!, values.Text("tenantId"), values.Text("teamId"), values.Text("type"), values.Text("after"),
                values.WholeNumber("limit", DefaultPageSize), values.Flag("teamsOnly"));
            if (values.Problem is { } unusable)
            {
                return Results.Problem(unusable + ".", statusCode: StatusCodes.Status400BadRequest);
            }

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
