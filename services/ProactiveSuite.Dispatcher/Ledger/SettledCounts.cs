namespace ProactiveSuite.Dispatcher.Ledger;

/// <summary>How many of a notification's recipients are settled each way: what its ledger says, and its final counts.</summary>
/// <param name="Unknown">Settled <see cref="DeliveryState.Unknown"/>: cancelled after a send that went unanswered.</param>
public sealed record SettledCounts(int Delivered, IReadOnlyDictionary<string, int> FailedByReason, int Cancelled, int Unknown = 0)
{
    /// <summary>The reason a failure without a code is counted under (the same in the progress counters).</summary>
    public const string UnknownReason = "Unknown";

    public static readonly SettledCounts None = new(0, new Dictionary<string, int>(), 0);

    public int Failed => FailedByReason.Values.Sum();

    public int Settled => Delivered + Failed + Cancelled + Unknown;

    /// <summary>Adds up settled records given as (state, failure reason, how many); unsettled ones are left out.</summary>
    public static SettledCounts Of(IEnumerable<(DeliveryState State, string? FailureReasonCode, int Count)> groups)
    {
        var delivered = 0;
        var cancelled = 0;
        var unknown = 0;
        var failed = new Dictionary<string, int>();
        foreach (var (state, reason, count) in groups)
        {
            switch (state)
            {
                case DeliveryState.Delivered:
                    delivered += count;
                    break;
                case DeliveryState.Cancelled:
                    cancelled += count;
                    break;
                case DeliveryState.Unknown:
                    unknown += count;
                    break;
                case DeliveryState.Failed:
                    failed[reason ?? UnknownReason] = failed.GetValueOrDefault(reason ?? UnknownReason) + count;
                    break;
            }
        }

        return new SettledCounts(delivered, failed, cancelled, unknown);
    }
}
