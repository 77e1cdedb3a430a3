namespace ProactiveSuite.Contracts.References;

/// <summary>
/// Request (request/response): the stored references of many users at once (at most
/// <see cref="MaxUsers"/>), answered with <see cref="ConversationReferencesFound"/>.
/// </summary>
/// <param name="Users">The users, as channel and user id pairs.</param>
public sealed record FindConversationReferences(IReadOnlyList<FindConversationReference> Users)
{
    /// <summary>The most users one request may name.</summary>
    public const int MaxUsers = 1000;
}

/// <summary>Response: what is stored for each asked-for user, in the order asked.</summary>
/// <param name="Results">One entry per user asked for.</param>
public sealed record ConversationReferencesFound(IReadOnlyList<ConversationReferenceResult> Results);

/// <summary>One user's answer in <see cref="ConversationReferencesFound"/>.</summary>
/// <param name="ChannelId">The channel asked for.</param>
/// <param name="UserId">The user asked for.</param>
/// <param name="Address">Where the user can be reached; null when nothing usable is stored.</param>
/// <param name="RevokedReasonCode">When a reference is stored but revoked: why.</param>
/// <param name="Member">With no address: the user as seen in a group chat or channel, when they were.</param>
public sealed record ConversationReferenceResult(string ChannelId, string UserId, ConversationAddress? Address, string? RevokedReasonCode, KnownMember? Member = null);

/// <summary>
/// Request (request/response): one page of the active references of a channel, optionally of one
/// tenant, answered with <see cref="ConversationReferencePage"/>. Used to reach "everyone".
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="TenantId">Only this tenant, when given.</param>
/// <param name="After">The previous page's <see cref="ConversationReferencePage.Next"/>; null for the first page.</param>
/// <param name="Limit">At most this many (1 to 1,000).</param>
public sealed record ListConversationReferences(string ChannelId, string? TenantId, string? After, int Limit);

/// <summary>Response: a page of active references.</summary>
/// <param name="Addresses">Where each user can be reached.</param>
/// <param name="Next">The cursor of the next page, or null after the last one.</param>
public sealed record ConversationReferencePage(IReadOnlyList<ConversationAddress> Addresses, string? Next);
