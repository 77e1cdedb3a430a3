using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References.Stores;
using ProactiveSuite.ServiceDefaults.Storage.Documents;

namespace ProactiveSuite.Registry.References;

/// <summary>
/// The Registry's rules for updates, as conditions on the stored document that the store's write applies
/// atomically. Events arrive out of order and are redelivered; with these rules a replayed or older event
/// changes nothing, whatever order they come in. Instants compare as instants, to the millisecond a capture keeps.
/// Every document kept by them (a user's reference, a group conversation, a known member) names its fields
/// as <see cref="ReferenceFields"/> does.
/// </summary>
public static class NewestWins
{
    /// <summary>
    /// A capture replaces the stored reference only when its activity is strictly newer than the stored
    /// activity and than a revocation: a capture from before the user blocked the bot must not undo it,
    /// one from after (the user wrote again, or reinstalled) does. A first capture is always stored.
    /// </summary>
    public static Filter Replaces(DateTimeOffset incomingActivityAt) =>
        Filter.Lt(ReferenceFields.LastActivityAt, incomingActivityAt)
        & (Filter.IsNull(ReferenceFields.RevokedAt) | Filter.Lt(ReferenceFields.RevokedAt, incomingActivityAt));

    /// <summary>
    /// A revocation applies to the conversation it names (not to a newer one the user has moved to), only
    /// when it was learnt at or after the user's last activity, and only once.
    /// </summary>
    public static Filter Revokes(ReferenceRevoked revocation) =>
        Filter.IsNull(ReferenceFields.RevokedAt)
        & Filter.Eq(ReferenceFields.ConversationId, revocation.ConversationId)
        & Filter.Lte(ReferenceFields.LastActivityAt, revocation.RevokedAt);

    /// <summary>The change <see cref="Revokes"/> allows.</summary>
    public static Update Revocation(ReferenceRevoked revocation) =>
        Update.Set(ReferenceFields.RevokedAt, revocation.RevokedAt) & Update.Set(ReferenceFields.RevokedReasonCode, revocation.ReasonCode);
}
