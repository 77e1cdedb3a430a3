using System.Runtime.CompilerServices;
using LiteDB;

namespace ProactiveSuite.ServiceDefaults.Storage;

/// <summary>
/// LiteDB has no conditional write, so a compare-then-write must not interleave with another one on the same
/// file. One gate per open database (not per store object), so that two store objects over the same file in
/// one process still take turns; the file itself is owned by one process (direct mode).
/// </summary>
public static class EmbeddedWriteGate
{
    private static readonly ConditionalWeakTable<LiteDatabase, Lock> Gates = new();

    public static Lock For(LiteDatabase database) => Gates.GetValue(database, _ => new Lock());
}
