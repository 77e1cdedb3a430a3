using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Dispatcher.Delivery;

/// <summary>Asks the Registry, over the bus, where a recipient (a user or a group conversation) can be reached.</summary>
public sealed class ReferenceDirectory(
    IRequestClient<FindConversationReference> registry,
    IRequestClient<FindConversationReferences> batches,
    IRequestClient<ListConversationReferences> pages,
    IRequestClient<FindGroupConversation> groups,
    IRequestClient<ListGroupConversations> groupPages)
{
    /// <summary>Many recipients in one request; the answers come back in the same order (null: a group conversation, asked for when delivered).</summary>
    public async Task<IReadOnlyList<ReferenceLookup?>> FindManyAsync(IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        var users = recipients.Where(r => r.ConversationId is null).ToList();
        var found = new Queue<ConversationReferenceResult>(users.Count == 0
            ? []
            : (await batches.GetResponse<ConversationReferencesFound>(
                new FindConversationReferences(users.Select(r => new FindConversationReference(r.ChannelId, r.UserId ?? "")).ToList()), cancellationToken)).Message.Results);
        var lookups = new List<ReferenceLookup?>(recipients.Count);
        foreach (var recipient in recipients)
        {
            lookups.Add(recipient.ConversationId is null && found.TryDequeue(out var r)
                ? new ReferenceLookup(r.Address, r.RevokedReasonCode, null, r.Member)
                : null);
        }

        return lookups;
    }

    /// <summary>One page of everyone reachable in a channel (and tenant).</summary>
    public async Task<ConversationReferencePage> ListAsync(string channelId, string? tenantId, string? after, int limit, CancellationToken cancellationToken) =>
        (await pages.GetResponse<ConversationReferencePage>(new ListConversationReferences(channelId, tenantId, after, limit), cancellationToken)).Message;

    /// <summary>One page of the group conversations a broadcast's scope names.</summary>
    public async Task<GroupConversationPage> ListGroupsAsync(ListGroupConversations request, CancellationToken cancellationToken) =>
        (await groupPages.GetResponse<GroupConversationPage>(request, cancellationToken)).Message;

    public async Task<ReferenceLookup> FindAsync(Recipient recipient, CancellationToken cancellationToken) =>
        recipient.ConversationId is { } conversationId
            ? await FindGroupAsync(recipient.ChannelId, conversationId, cancellationToken)
            : await FindUserAsync(recipient.ChannelId, recipient.UserId ?? "", cancellationToken);

    private async Task<ReferenceLookup> FindUserAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var response = await registry.GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(
            new FindConversationReference(channelId, userId), cancellationToken);
        if (response.Is(out Response<ConversationReferenceFound>? found))
        {
            return new ReferenceLookup(found.Message.Address, null, null);
        }

        return response.Is(out Response<ConversationReferenceNotFound>? missing)
            ? new ReferenceLookup(null, missing.Message.RevokedReasonCode, missing.Message.RevokedAt, missing.Message.Member)
            : new ReferenceLookup(null, null, null);
    }

    private async Task<ReferenceLookup> FindGroupAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var response = await groups.GetResponse<GroupConversationFound, GroupConversationNotFound>(
            new FindGroupConversation(channelId, conversationId), cancellationToken);
        if (response.Is(out Response<GroupConversationFound>? found))
        {
            return new ReferenceLookup(GroupAddress.Of(found.Message.Address), null, null);
        }

        return response.Is(out Response<GroupConversationNotFound>? missing)
            ? new ReferenceLookup(null, missing.Message.RevokedReasonCode, missing.Message.RevokedAt)
            : new ReferenceLookup(null, null, null);
    }
}

/// <param name="Address">Where the recipient is, or null.</param>
/// <param name="RevokedReasonCode">Why the stored reference may not be used, when one is stored but revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Member">A user without a one-to-one conversation, as seen in a group conversation: enough to create one.</param>
public sealed record ReferenceLookup(ConversationAddress? Address, string? RevokedReasonCode, DateTimeOffset? RevokedAt, KnownMember? Member = null);
