namespace ProactiveSuite.Contracts.References;

/// <summary>
/// Request (request/response): the stored reference of one user. The Registry answers with
/// <see cref="ConversationReferenceFound"/> or <see cref="ConversationReferenceNotFound"/>.
/// </summary>
/// <param name="ChannelId">The channel the user is in.</param>
/// <param name="UserId">The user's id in that channel.</param>
public sealed record FindConversationReference(string ChannelId, string UserId);

/// <summary>Response: the user's newest stored reference.</summary>
/// <param name="Address">How to reach the user.</param>
/// <param name="LastActivityAt">The timestamp of the activity the address was captured from.</param>
public sealed record ConversationReferenceFound(ConversationAddress Address, DateTimeOffset LastActivityAt);

/// <summary>Response: no usable reference is stored for that user.</summary>
/// <param name="ChannelId">The channel that was asked for.</param>
/// <param name="UserId">The user that was asked for.</param>
/// <param name="RevokedReasonCode">
/// When a reference is stored but was revoked (see <see cref="ReferenceRevoked"/>): why; null when the
/// user simply never wrote.
/// </param>
/// <param name="RevokedAt">When it was revoked, with <paramref name="RevokedReasonCode"/>.</param>
/// <param name="Member">
/// When the user has no one-to-one conversation but was seen in a group chat or channel: what is needed
/// to create one.
/// </param>
public sealed record ConversationReferenceNotFound(
    string ChannelId,
    string UserId,
    string? RevokedReasonCode = null,
    DateTimeOffset? RevokedAt = null,
    KnownMember? Member = null);
