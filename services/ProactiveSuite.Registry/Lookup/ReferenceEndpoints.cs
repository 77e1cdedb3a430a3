using ProactiveSuite.Registry.References;
using ProactiveSuite.ServiceDefaults.Http;

namespace ProactiveSuite.Registry.Lookup;

/// <summary>Look-ups over HTTP, for operators and services that do not speak the bus.</summary>
public static class ReferenceEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapReferenceLookups(this IEndpointRouteBuilder endpoints)
    {
        var references = endpoints.MapGroup("/references").WithTags("References");

        references.MapGet("/{channelId}/{userId}", async (string channelId, string userId, IConversationReferenceStore store, CancellationToken ct) =>
        {
            if (!ReferenceKey.TryCreate(channelId, userId, out var key, out var problem))
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            }

            return await store.FindAsync(key, ct) is { } stored
                ? Results.Ok(stored)
                : Results.Problem($"No reference is stored for user '{key.UserId}' in channel '{key.ChannelId}'.", statusCode: StatusCodes.Status404NotFound);
        });

        references.MapGet("/", async (HttpRequest http, IConversationReferenceStore store, CancellationToken ct) =>
        {
            var values = new QueryValues(http.Query);
            var (channelId, after, pageSize) = (values.Text("channelId"), values.Text("after"), values.WholeNumber("limit", DefaultPageSize));
            if (values.Problem is { } unusable)
            {
                return Results.Problem(unusable + ".", statusCode: StatusCodes.Status400BadRequest);
            }

            if (pageSize is < 1 or > MaxPageSize)
            {
                return Results.Problem($"limit must be between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
            }

            ReferenceKey? cursor = null;
            if (after is not null)
            {
                if (!ReferenceKey.TryParse(after, out var parsed))
                {
                    return Results.Problem("after is not a cursor this service returned.", statusCode: StatusCodes.Status400BadRequest);
                }

                cursor = parsed;
            }

            var page = await store.ListAsync(new ReferencePageRequest(channelId, cursor, pageSize), ct);
            return Results.Ok(new { items = page.Items, next = page.Next?.Value });
        });

        return endpoints;
    }
}
