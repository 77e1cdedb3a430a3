namespace ProactiveSuite.Bench.Measurements;

/// <summary>Nearest-rank percentiles of a sample.</summary>
public static class Percentiles
{
    /// <param name="sorted">Ascending values.</param>
    /// <param name="percentile">0 to 100.</param>
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
