using ProactiveSuite.Dispatcher.Ledger;

namespace ProactiveSuite.Dispatcher.Progress;

/// <summary>
/// The finish rule. The counters are only a hint: a Dispatcher that dies after counting a recipient and
/// before marking its ledger record reported counts it again when the delivery comes back. So counters
/// that reach the total ask the ledger, once: the notification is finished when its settled records and
/// the recipients a cancelled fan-out never sent make up the total, and those are its final counts.
/// </summary>
public static class FinishRule
{
    /// <summary>The final counts when <paramref name="progress"/> may finish by <paramref name="ledger"/>'s counts; null when not yet.</summary>
    public static SettledCounts? FinalCounts(NotificationProgress progress, SettledCounts ledger) =>
        progress is { Total: { } total, FinishedAt: null } && ledger.Settled + progress.CancelledUnsent >= total
            ? ledger with { Cancelled = ledger.Cancelled + progress.CancelledUnsent }
            : null;
}
