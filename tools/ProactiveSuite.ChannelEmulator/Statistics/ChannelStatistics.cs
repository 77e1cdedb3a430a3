using System.Collections.Concurrent;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Counts the bot's connector calls by how the channel answered them (accepted creates, sends and replies; 429s;
/// other faults), in total and per conversation: what a benchmark reads, and what tests check for calls that left
/// no activity in the transcript. Calls rejected as malformed (400) are not counted. Thread-safe; one per emulator;
/// also read and reset through <c>/emulator/stats</c>.
/// </summary>
public sealed class ChannelStatistics
{
    private Tally _tally = new();

    internal ChannelStatistics()
    {
    }

    /// <summary>The counts of every call so far.</summary>
    public ConnectorCallCounts Total => Volatile.Read(ref _tally).Total.Read();

    /// <summary>The counts of calls into (or creating) <paramref name="conversationId"/>; all zero for one never called.</summary>
    public ConnectorCallCounts For(string conversationId) =>
        Volatile.Read(ref _tally).ByConversation.TryGetValue(conversationId, out var counters) ? counters.Read() : ConnectorCallCounts.None;

    /// <summary>Every count at once.</summary>
    public ChannelStatisticsSnapshot Snapshot()
    {
        var tally = Volatile.Read(ref _tally);
        return new ChannelStatisticsSnapshot(
            tally.Total.Read(),
            tally.ByConversation.ToDictionary(pair => pair.Key, pair => pair.Value.Read(), StringComparer.Ordinal));
    }

    /// <summary>Starts counting from zero. A call answered at that very moment may land in either count.</summary>
    public void Reset() => Volatile.Write(ref _tally, new Tally());

    internal void Accepted(ConnectorOperation operation, string conversationId) =>
        Count(conversationId, operation switch
        {
            ConnectorOperation.CreateConversation => Counters.Creates,
            ConnectorOperation.SendToConversation => Counters.Sends,
            ConnectorOperation.ReplyToActivity => Counters.Replies,
            ConnectorOperation.UpdateActivity => Counters.Updates,
            ConnectorOperation.DeleteActivity => Counters.Deletes,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Only connector calls are counted."),
        });

    internal void Throttled(string? conversationId) => Count(conversationId, Counters.Throttled);

    internal void Faulted(string? conversationId) => Count(conversationId, Counters.Faulted);

    private void Count(string? conversationId, int counter)
    {
        var tally = Volatile.Read(ref _tally);
        tally.Total.Increment(counter);
        if (conversationId is not null)
        {
            tally.ByConversation.GetOrAdd(conversationId, static _ => new Counters()).Increment(counter);
        }
    }

    /// <summary>One generation of counts: replaced whole by <see cref="Reset"/>, so a reset never leaves half the counters.</summary>
    private sealed class Tally
    {
        public Counters Total { get; } = new();

        public ConcurrentDictionary<string, Counters> ByConversation { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Counters
    {
        public const int Creates = 0;
        public const int Sends = 1;
        public const int Replies = 2;
        public const int Throttled = 3;
        public const int Faulted = 4;
        public const int Updates = 5;
        public const int Deletes = 6;

        private readonly long[] _counts = new long[7];

        public void Increment(int counter) => Interlocked.Increment(ref _counts[counter]);

        public ConnectorCallCounts Read() => new(
            Interlocked.Read(ref _counts[Creates]),
            Interlocked.Read(ref _counts[Sends]),
            Interlocked.Read(ref _counts[Replies]),
            Interlocked.Read(ref _counts[Throttled]),
            Interlocked.Read(ref _counts[Faulted]),
            Interlocked.Read(ref _counts[Updates]),
            Interlocked.Read(ref _counts[Deletes]));
    }
}
