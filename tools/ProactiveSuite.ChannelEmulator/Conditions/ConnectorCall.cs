namespace ProactiveSuite.ChannelEmulator;

/// <summary>One connector call as faults, limits and statistics see it.</summary>
/// <param name="Operation">Create, send or reply.</param>
/// <param name="ConversationId">The conversation in the URL; null for a create.</param>
/// <param name="UserIds">The users it is for: a create's members, a send's or reply's recipient.</param>
/// <param name="TenantId">The tenant it counts against (see <see cref="ConversationTenants"/>).</param>
internal sealed record ConnectorCall(ConnectorOperation Operation, string? ConversationId, IReadOnlyList<string> UserIds, string TenantId);
