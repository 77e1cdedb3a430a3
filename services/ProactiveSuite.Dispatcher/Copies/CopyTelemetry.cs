using System.Diagnostics.Metrics;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Dispatcher.Copies;

/// <summary>What happens to delivered copies, as instruments of the <c>ProactiveSuite</c> meter.</summary>
public sealed class CopyTelemetry
{
    /// <summary>Counter of deletes and updates of delivered copies, by <see cref="OperationAttribute"/> and <see cref="OutcomeAttribute"/>.</summary>
    public const string ChangesMetric = "proactivesuite.copy.changes";

    /// <summary><c>delete</c> (a recall) or <c>update</c> (an edit).</summary>
    public const string OperationAttribute = "proactivesuite.copy.operation";

    /// <summary><c>done</c>, <c>retry</c> (a passing failure, tried again later) or <c>refused</c> (for good).</summary>
    public const string OutcomeAttribute = "proactivesuite.copy.outcome";

    /// <summary>Counter of delivered copies marked read from read receipts.</summary>
    public const string ReadsMetric = "proactivesuite.copy.reads";

    private readonly Counter<long> _changes;
    private readonly Counter<long> _reads;

    public CopyTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ProactiveSuiteTelemetry.Name);
        _changes = meter.CreateCounter<long>(ChangesMetric, "{call}", "Deletes (recalls) and updates (edits) of delivered copies, by outcome.");
        _reads = meter.CreateCounter<long>(ReadsMetric, "{copy}", "Delivered copies marked read from the channel's read receipts.");
    }

    public void Changed(CopyChange change, string outcome) =>
        _changes.Add(1, new(OperationAttribute, change is CopyChange.Delete ? "delete" : "update"), new(OutcomeAttribute, outcome));

    public void Read() => _reads.Add(1);
}
