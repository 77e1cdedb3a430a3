using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>A conversation the bot created with <c>POST /v3/conversations</c> (the ConversationParameters it sent).</summary>
/// <param name="ConversationId">The id the emulator gave the new conversation.</param>
/// <param name="Members">The <c>members</c> accounts the bot asked for (never empty).</param>
/// <param name="Bot">The <c>bot</c> account, when sent.</param>
/// <param name="IsGroup">The <c>isGroup</c> flag (false when absent).</param>
/// <param name="TenantId">The <c>tenantId</c>, or Teams' <c>channelData.tenant.id</c>, when sent.</param>
/// <param name="ChannelData">The <c>channelData</c>, when sent.</param>
/// <param name="ActivityId">The id given to the first activity, when the bot sent one.</param>
/// <param name="CreatedAt">When the emulator created it.</param>
public sealed record ConversationCreated(
    string ConversationId,
    IReadOnlyList<JsonObject> Members,
    JsonObject? Bot,
    bool IsGroup,
    string? TenantId,
    JsonObject? ChannelData,
    string? ActivityId,
    DateTimeOffset CreatedAt);
