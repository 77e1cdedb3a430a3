namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>How many of a notification's delivered copies were read, recalled and edited.</summary>
public sealed record CopyCounts(int Read, int Recalled, int Edited)
{
    public static CopyCounts Of(IEnumerable<DeliveredCopy?> copies)
    {
        var (read, recalled, edited) = (0, 0, 0);
        foreach (var copy in copies)
        {
            read += copy?.ReadAt is null ? 0 : 1;
            recalled += copy?.RecalledAt is null ? 0 : 1;
            edited += copy?.EditedAt is null ? 0 : 1;
        }

        return new CopyCounts(read, recalled, edited);
    }
}
