using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Asks the Registry, over the bus, where a recipient can be reached.</summary>
public sealed class ReferenceDirectory(
    IRequestClient<FindConversationReference> registry,
    IRequestClient<FindConversationReferences> batches,
    IRequestClient<ListConversationReferences> pages)
{
    /// <summary>Many recipients in one request; the answers come back in the same order.</summary>
    public async Task<IReadOnlyList<ReferenceLookup>> FindManyAsync(IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        var response = await batches.GetResponse<ConversationReferencesFound>(
            new FindConversationReferences(recipients.Select(r => new FindConversationReference(r.ChannelId, r.UserId!)).ToList()), cancellationToken);
        return response.Message.Results.Select(r => new ReferenceLookup(r.Address, r.RevokedReasonCode, null)).ToList();
    }

    /// <summary>One page of everyone reachable in a channel (and tenant).</summary>
    public async Task<ConversationReferencePage> ListAsync(string channelId, string? tenantId, string? after, int limit, CancellationToken cancellationToken) =>
        (await pages.GetResponse<ConversationReferencePage>(new ListConversationReferences(channelId, tenantId, after, limit), cancellationToken)).Message;

    public async Task<ReferenceLookup> FindAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        var response = await registry.GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference(recipient.ChannelId, recipient.UserId!), cancellationToken);
        if (response.Is(out Response<ConversationReferenceFound>? found))
        {
            return new ReferenceLookup(found.Message.Address, null, null);
        }

        return response.Is(out Response<ConversationReferenceNotFound>? missing)
            ? new ReferenceLookup(null, missing.Message.RevokedReasonCode, missing.Message.RevokedAt)
            : new ReferenceLookup(null, null, null);
    }
}

/// <param name="Address">Where the user is, or null.</param>
/// <param name="RevokedReasonCode">Why the stored reference may not be used, when one is stored but revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record ReferenceLookup(ConversationAddress? Address, string? RevokedReasonCode, DateTimeOffset? RevokedAt);
