namespace ProactiveSuite.ServiceDefaults.Storage;

/// <summary>
/// A conditional write found the stored item changed (or gone, or already there) since it was read:
/// another writer came first. Nothing was written; read again, decide again and write again.
/// </summary>
public sealed class ETagConflictException(string key, string? expectedETag)
    : Exception($"'{key}' was changed by another writer since it was read (expected eTag {expectedETag ?? "none"}); nothing was written.")
{
    public string Key { get; } = key;

    public string? ExpectedETag { get; } = expectedETag;
}
