namespace ProactiveSuite.Contracts.Notifications;

/// <summary>Who a proactive message is for: a user in a channel.</summary>
/// <param name="ChannelId">The Bot Framework channel, e.g. <c>msteams</c>.</param>
/// <param name="UserId">The user's id in that channel (Teams: the <c>29:…</c> id).</param>
/// <param name="TenantId">
/// The user's tenant (Teams). Only needed to create a conversation when none is stored.
/// </param>
public sealed record Recipient(string ChannelId, string UserId, string? TenantId = null);
