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

/// <summary>Response: no reference is stored for that user.</summary>
/// <param name="ChannelId">The channel that was asked for.</param>
/// <param name="UserId">The user that was asked for.</param>
public sealed record ConversationReferenceNotFound(string ChannelId, string UserId);
