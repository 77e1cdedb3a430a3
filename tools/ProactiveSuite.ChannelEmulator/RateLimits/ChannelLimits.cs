using System.Collections.Concurrent;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Enforces rate limits on the bot's connector calls as Teams does, when asked to (off by default): sliding windows
/// per conversation (sends and replies) and per tenant (creates, sends and replies), counting only the calls the
/// channel accepted. A call that would not fit is answered 429 <see cref="ConnectorErrorCodes.Throttled"/> with a
/// <c>Retry-After</c>. Windows run on the emulator's <see cref="TimeProvider"/>, so tests can drive them with a clock
/// of their own. Thread-safe; one per emulator; also driven by <c>/emulator/limits</c>.
/// </summary>
public sealed class ChannelLimits
{
    private readonly TimeProvider _clock;
    private Enforcement? _enforcement;

    internal ChannelLimits(TimeProvider clock) => _clock = clock;

    /// <summary>The limits in force; null when none are enforced.</summary>
    public ChannelRateLimits? Enforced => Volatile.Read(ref _enforcement)?.Limits;

    /// <summary>
    /// Enforces <paramref name="limits"/> (the Teams ones when null) from now on, with empty windows: calls made
    /// before are forgotten.
    /// </summary>
    /// <exception cref="ArgumentException">The limits cannot be enforced; the message says why.</exception>
    public void EnforceTeamsLimits(ChannelRateLimits? limits = null)
    {
        limits ??= ChannelRateLimits.Teams;
        if (limits.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(limits));
        }
        Volatile.Write(ref _enforcement, new Enforcement(limits, _clock.TimestampFrequency));
    }

    /// <summary>Stops enforcing limits: every call is accepted again (unless a fault rule answers it).</summary>
    public void StopEnforcing() => Volatile.Write(ref _enforcement, null);

    /// <summary>Counts <paramref name="call"/> when it fits the limits; says why not when it does not. Null when admitted.</summary>
    internal Throttling? Admit(ConnectorCall call) =>
        Volatile.Read(ref _enforcement)?.Admit(call, _clock);

    private sealed class Enforcement
    {
        private readonly long _frequency;
        private readonly CountedWindow[] _perConversation;
        private readonly CountedWindow[] _perTenant;
        private readonly int _conversationCapacity;
        private readonly int _tenantCapacity;
        private readonly ConcurrentDictionary<string, SlidingWindowLog> _conversations = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SlidingWindowLog> _tenants = new(StringComparer.Ordinal);

        public Enforcement(ChannelRateLimits limits, long frequency)
        {
            Limits = limits;
            _frequency = frequency;
            _perConversation = [.. limits.PerConversation.Select(Counted)];
            _perTenant = [.. limits.PerTenant.Select(Counted)];
            _conversationCapacity = _perConversation.Length == 0 ? 0 : _perConversation.Max(w => w.Limit);
            _tenantCapacity = _perTenant.Length == 0 ? 0 : _perTenant.Max(w => w.Limit);
        }

        public ChannelRateLimits Limits { get; }

        public Throttling? Admit(ConnectorCall call, TimeProvider clock)
        {
            var tenant = _tenants.GetOrAdd(call.TenantId, static (_, capacity) => new SlidingWindowLog(capacity), _tenantCapacity);
            if (call.ConversationId is null)
            {
                lock (tenant.Gate)
                {
                    return AdmitInto(call, clock.GetTimestamp(), tenant, conversation: null);
                }
            }

            var conversation = _conversations.GetOrAdd(call.ConversationId, static (_, capacity) => new SlidingWindowLog(capacity), _conversationCapacity);
            // Always the conversation's lock first, then the tenant's: no call takes them the other way round.
            lock (conversation.Gate)
            {
                lock (tenant.Gate)
                {
                    return AdmitInto(call, clock.GetTimestamp(), tenant, conversation);
                }
            }
        }

        private Throttling? AdmitInto(ConnectorCall call, long now, SlidingWindowLog tenant, SlidingWindowLog? conversation)
        {
            var (conversationWait, conversationFull) = conversation?.WaitFor(_perConversation, now) ?? (0L, (CountedWindow?)null);
            var (tenantWait, tenantFull) = tenant.WaitFor(_perTenant, now);
            if (conversationFull is null && tenantFull is null)
            {
                conversation?.Add(now);
                tenant.Add(now);
                return null;
            }

            var byConversation = conversationWait >= tenantWait;
            var wait = Math.Max(conversationWait, tenantWait);
            var message = byConversation
                ? $"Too many requests: conversation '{call.ConversationId}' allows {conversationFull!.Window.Describe()}."
                : $"Too many requests: tenant '{call.TenantId}' allows {tenantFull!.Window.Describe()}.";
            return new Throttling(Limits.RetryAfter ?? WholeSecondsAtLeastOne(wait), message);
        }

        private TimeSpan WholeSecondsAtLeastOne(long wait) =>
            TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((double)wait / _frequency)));

        private CountedWindow Counted(RateWindow window) =>
            new(window, (long)Math.Ceiling(window.Length.TotalSeconds * _frequency), window.Limit);
    }
}
