using System.Text.Json.Serialization;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.References;

/// <summary>
/// The reference the Registry keeps for one user: the newest address seen, and when; and, once the
/// channel said the user can no longer be reached there, when and why it was revoked.
/// </summary>
public sealed record StoredReference(
    ConversationAddress Address,
    DateTimeOffset LastActivityAt,
    string? LastActivityId,
    string LastActivityType,
    DateTimeOffset? RevokedAt = null,
    string? RevokedReasonCode = null)
{
    [JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;

    [JsonIgnore]
    public ReferenceKey Key => ReferenceKey.For(Address.ChannelId, Address.User.Id);

    /// <summary>
    /// The reference a capture stands for. Timestamps keep millisecond precision, the precision both
    /// stores keep, so that a replayed event compares equal to what was stored from it.
    /// </summary>
    public static StoredReference From(ReferenceCaptured captured) => new(
        captured.Address with { ChannelId = captured.Address.ChannelId.Trim().ToLowerInvariant() },
        TruncateToMilliseconds(captured.ActivityTimestamp.ToUniversalTime()),
        captured.ActivityId,
        captured.ActivityType);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);
}
