using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Registry.References;

/// <summary>
/// The Registry's rules for updates. Events arrive out of order and are redelivered; with these rules a
/// replayed or older event changes nothing, whatever order they come in.
/// </summary>
public static class NewestWins
{
    /// <summary>
    /// A capture replaces the stored reference only when its activity is strictly newer than the stored
    /// activity and than a revocation: a capture from before the user blocked the bot must not undo it,
    /// one from after (the user wrote again, or reinstalled) does.
    /// </summary>
    public static bool Replaces(StoredReference? stored, StoredReference incoming) =>
        stored is null
        || (incoming.LastActivityAt > stored.LastActivityAt
            && (stored.RevokedAt is null || incoming.LastActivityAt > stored.RevokedAt));

    /// <summary>
    /// A revocation applies to the conversation it names (not to a newer one the user has moved to), only
    /// when it was learnt at or after the user's last activity, and only once.
    /// </summary>
    public static bool Revokes(StoredReference? stored, ReferenceRevoked revocation) =>
        stored is { RevokedAt: null }
        && stored.Address.Conversation.Id == revocation.ConversationId
        && revocation.RevokedAt >= stored.LastActivityAt;
}
