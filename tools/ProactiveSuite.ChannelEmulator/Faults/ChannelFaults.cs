using System.Globalization;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// The failures and the latency the emulated channel answers the bot's connector calls with: fault rules, checked
/// in the order they were added (the first that matches and still applies answers the call), and a delay added to
/// every connector call. A faulted call is not delivered (nothing enters the transcript) but is counted in
/// <see cref="ChannelStatistics"/>. Thread-safe; one per emulator; also driven by <c>/emulator/faults</c> and
/// <c>/emulator/latency</c>.
/// </summary>
public sealed class ChannelFaults
{
    /// <summary>The largest latency <see cref="SetLatency"/> accepts.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    // Copy-on-write: every connector call reads the rules, people and tests rarely change them.
    private ActiveRule[] _rules = [];
    private int _lastId;
    private long _latencyTicks;
    private long _answerLatencyTicks;

    internal ChannelFaults()
    {
    }

    /// <summary>The delay added to every connector call (zero: none).</summary>
    public TimeSpan Latency => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks));

    /// <summary>
    /// The delay between the channel taking a call (it is in the transcript) and its answer reaching the bot (zero:
    /// none): a bot that dies meanwhile cannot know the user has its message.
    /// </summary>
    public TimeSpan AnswerLatency => TimeSpan.FromTicks(Volatile.Read(ref _answerLatencyTicks));

    /// <summary>Adds <paramref name="fault"/> after the rules already in force.</summary>
    /// <returns>The rule, with the id that removes it.</returns>
    /// <exception cref="ArgumentException">The fault cannot be applied; the message says why.</exception>
    public ChannelFaultRule AddRule(ChannelFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(fault));
        }

        var rule = new ActiveRule("fault-" + Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture), fault);
        lock (_gate)
        {
            _rules = [.. _rules, rule];
        }
        return rule.Snapshot();
    }

    /// <summary>Removes the rule <paramref name="id"/>; false when there is none of that id.</summary>
    public bool RemoveRule(string id)
    {
        lock (_gate)
        {
            var remaining = Array.FindAll(_rules, r => !string.Equals(r.Id, id, StringComparison.Ordinal));
            if (remaining.Length == _rules.Length)
            {
                return false;
            }
            _rules = remaining;
            return true;
        }
    }

    /// <summary>Every rule, in the order they are checked, including those whose count is used up.</summary>
    public IReadOnlyList<ChannelFaultRule> Rules() => [.. Volatile.Read(ref _rules).Select(r => r.Snapshot())];

    /// <summary>Removes every rule. The latency stays: <c>SetLatency(TimeSpan.Zero)</c> removes it.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    /// <summary>Adds <paramref name="latency"/> to every connector call from now on; <see cref="TimeSpan.Zero"/> for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than <see cref="MaxLatency"/>.</exception>
    public void SetLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(latency, MaxLatency);
        Volatile.Write(ref _latencyTicks, latency.Ticks);
    }

    /// <summary>Delays every answer by <paramref name="latency"/> after the call was taken, from now on; <see cref="TimeSpan.Zero"/> for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than <see cref="MaxLatency"/>.</exception>
    public void SetAnswerLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(latency, MaxLatency);
        Volatile.Write(ref _answerLatencyTicks, latency.Ticks);
    }

    /// <summary>The fault that answers <paramref name="call"/>, using up one of its count; null when none applies.</summary>
    internal ChannelFault? Take(ConnectorCall call)
    {
        foreach (var rule in Volatile.Read(ref _rules))
        {
            if (rule.Fault.Matches(call) && rule.TryApply())
            {
                return rule.Fault;
            }
        }
        return null;
    }

    private sealed class ActiveRule(string id, ChannelFault fault)
    {
        private int _applied;

        public string Id => id;

        public ChannelFault Fault => fault;

        /// <summary>Counts one more application unless the count is used up; atomic, so N concurrent calls never get N + 1 faults.</summary>
        public bool TryApply()
        {
            if (fault.Count is not { } count)
            {
                Interlocked.Increment(ref _applied);
                return true;
            }

            var seen = Volatile.Read(ref _applied);
            while (seen < count)
            {
                var before = Interlocked.CompareExchange(ref _applied, seen + 1, seen);
                if (before == seen)
                {
                    return true;
                }
                seen = before;
            }
            return false;
        }

        public ChannelFaultRule Snapshot()
        {
            var applied = Volatile.Read(ref _applied);
            return new ChannelFaultRule(id, fault, applied, fault.Count - applied);
        }
    }
}
