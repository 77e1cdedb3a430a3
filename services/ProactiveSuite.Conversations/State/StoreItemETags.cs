namespace ProactiveSuite.Conversations.State;

/// <summary>
/// The eTag conventions of ProactiveSuite's <c>IStorage</c> adapters. As in the SDK's storages, a write
/// whose eTag is null or <see cref="Any"/> overwrites whatever is stored, and any other eTag must be the
/// stored item's (else <c>ETagConflictException</c>, and nothing is written).
/// </summary>
public static class StoreItemETags
{
    /// <summary>Write whatever is stored (the SDK's last-writer-wins).</summary>
    public const string Any = "*";

    /// <summary>
    /// Write only if nothing is stored under the key yet (HTTP's <c>If-None-Match: *</c>). Without it, two
    /// writers that both found nothing would both "create" the item and the second would erase the first.
    /// The adapters never hand out this value as an item's eTag.
    /// </summary>
    public const string NotYetStored = "not-yet-stored";
}
