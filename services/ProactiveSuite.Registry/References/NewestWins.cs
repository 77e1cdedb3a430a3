namespace ProactiveSuite.Registry.References;

/// <summary>
/// The Registry's one rule for updates: a reference replaces the stored one only when its activity
/// is strictly newer. Events arrive out of order and are redelivered; with this rule, a replayed or
/// older capture changes nothing, whatever order they come in.
/// </summary>
public static class NewestWins
{
    public static bool Replaces(StoredReference? stored, StoredReference incoming) =>
        stored is null || incoming.LastActivityAt > stored.LastActivityAt;
}
