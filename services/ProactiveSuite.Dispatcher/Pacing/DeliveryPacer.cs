using Microsoft.Extensions.Options;

namespace ProactiveSuite.Dispatcher.Pacing;

/// <summary>
/// Keeps sends within the channel's rate limits before they are made, so that a steady broadcast is
/// paced rather than punished with 429s. A send first needs room in its conversation's windows; then it
/// reserves the earliest slot its tenant's windows allow, and waits for it.
/// <para>
/// When the channel counted a send is only known to lie between the moment it left and the moment its
/// answer came back. So a send in flight counts in every window until it is answered, and a slot is
/// only ever reserved after answered sends; a send that would depend on one still in flight waits for
/// its answer instead. An answered send counts at its answer less the shortest recent round trip (or as
/// <see cref="SendCounting"/> configures). Counting at the slot (an earlier design) drew 429s whenever one
/// call travelled faster than the one before it.
/// </para>
/// </summary>
public sealed class DeliveryPacer
{
    /// <summary>How long a send waits for an answer that would free room before it asks again anyway.</summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(1);

    /// <summary>A reservation neither answered nor released after this long is forgotten (see <see cref="SendLog.Trim"/>).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, SendLog> _conversations = [];
    private readonly Dictionary<string, SendLog> _tenants = [];
    private readonly Dictionary<string, DateTimeOffset> _throttledUntil = [];
    private readonly (TimeSpan Window, int Limit)[] _perConversation;
    private readonly (TimeSpan Window, int Limit)[] _perTenant;
    private readonly TimeSpan _conversationHorizon;
    private readonly TimeSpan _tenantHorizon;
    private readonly TimeProvider _clock;
    private readonly bool _enabled;
    private readonly SendCounting _counting;
    private readonly RoundTripFloor _roundTripFloor = new(TimeSpan.FromMinutes(10));
    private readonly Lock _gate = new();
    private int _reservationsSinceSweep;

    public DeliveryPacer(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        var replicas = Math.Max(1, limits.Replicas);
        _perConversation = Share(limits.PerConversation ?? RateLimitOptions.TeamsPerConversation, replicas, limits.Margin);
        _perTenant = Share(limits.PerTenant ?? RateLimitOptions.TeamsPerTenant, replicas, limits.Margin);
        _conversationHorizon = _perConversation.Select(w => w.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        _tenantHorizon = _perTenant.Select(w => w.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        _enabled = limits.Enabled;
        _counting = limits.CountSendsAt;
        _clock = clock;
    }

    /// <summary>
    /// Asks for a slot. <see cref="PacingDecision.SendAt"/> holds a reservation: wait until then, send, and
    /// report it with <see cref="Sent"/> (or <see cref="Release"/> it). <see cref="PacingDecision.NotBefore"/>
    /// holds none: ask again at that time, or as soon as its <see cref="PacingDecision.NotBefore.Sooner"/>
    /// completes (an answer that frees room).
    /// </summary>
    public PacingDecision Reserve(string conversationKey, string tenantKey)
    {
        var now = _clock.GetUtcNow();
        if (!_enabled)
        {
            return new PacingDecision.SendAt(now, null);
        }

        lock (_gate)
        {
            var conversation = LogOf(_conversations, conversationKey);
            if (conversation.Earliest(now, _perConversation) is not { } conversationRoom)
            {
                return new PacingDecision.NotBefore(now + AnswerPatience, conversation.NextAnswer());
            }

            var conversationReady = Later(conversationRoom, ThrottledUntil(conversationKey));
            if (conversationReady > now)
            {
                return new PacingDecision.NotBefore(conversationReady);
            }

            var tenant = LogOf(_tenants, tenantKey);
            // A tenant's log only needs its own (short) windows: trimmed here it stays small under any load.
            tenant.Trim(now - _tenantHorizon, now - AbandonedAfter);
            if (tenant.Earliest(now, _perTenant) is not { } tenantRoom)
            {
                return new PacingDecision.NotBefore(now + AnswerPatience, tenant.NextAnswer());
            }

            var slot = Later(tenantRoom, ThrottledUntil(tenantKey));
            conversation.Reserve(slot);
            tenant.Reserve(slot);
            SweepNow(now);
            return new PacingDecision.SendAt(slot, new PacingReservation(conversationKey, tenantKey, slot));
        }
    }

    /// <summary>The send of <paramref name="reservation"/> left at <paramref name="startedAt"/> and was answered (either way) at <paramref name="answeredAt"/>.</summary>
    public void Sent(PacingReservation reservation, DateTimeOffset startedAt, DateTimeOffset answeredAt)
    {
        lock (_gate)
        {
            var roundTrip = answeredAt - startedAt;
            var countedAt = _counting switch
            {
                SendCounting.MidRoundTrip => startedAt + (roundTrip / 2),
                SendCounting.AnswerLessShortestRoundTrip => answeredAt - _roundTripFloor.Observe(roundTrip, answeredAt),
                _ => answeredAt,
            };

            if (_conversations.TryGetValue(reservation.ConversationKey, out var conversation))
            {
                conversation.Answer(reservation.Slot, countedAt);
            }

            if (_tenants.TryGetValue(reservation.TenantKey, out var tenant))
            {
                tenant.Answer(reservation.Slot, countedAt);
            }
        }
    }

    /// <summary>The send of <paramref name="reservation"/> was not made after all (its wait was cancelled).</summary>
    public void Release(PacingReservation reservation)
    {
        lock (_gate)
        {
            if (_conversations.TryGetValue(reservation.ConversationKey, out var conversation))
            {
                conversation.Release(reservation.Slot);
            }

            if (_tenants.TryGetValue(reservation.TenantKey, out var tenant))
            {
                tenant.Release(reservation.Slot);
            }
        }
    }

    /// <summary>The channel answered 429 for this key: nothing more is sent to it until <paramref name="until"/>.</summary>
    public void Throttled(string key, DateTimeOffset until)
    {
        lock (_gate)
        {
            _throttledUntil[key] = Later(until, ThrottledUntil(key));
        }
    }

    private DateTimeOffset ThrottledUntil(string key) =>
        _throttledUntil.TryGetValue(key, out var until) ? until : DateTimeOffset.MinValue;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static SendLog LogOf(Dictionary<string, SendLog> logs, string key)
    {
        if (!logs.TryGetValue(key, out var log))
        {
            log = new SendLog();
            logs[key] = log;
        }

        return log;
    }

    // A broadcast touches each conversation once: without a sweep, their logs would pile up for an hour.
    private void SweepNow(DateTimeOffset now)
    {
        if (++_reservationsSinceSweep < 10_000)
        {
            return;
        }

        _reservationsSinceSweep = 0;
        foreach (var (logs, horizon) in new[] { (_conversations, now - _conversationHorizon), (_tenants, now - _tenantHorizon) })
        {
            foreach (var (key, log) in logs.ToList())
            {
                log.Trim(horizon, now - AbandonedAfter);
                if (log.IsEmpty)
                {
                    logs.Remove(key);
                }
            }
        }

        foreach (var (key, until) in _throttledUntil.ToList())
        {
            if (until < now)
            {
                _throttledUntil.Remove(key);
            }
        }
    }

    private static (TimeSpan, int)[] Share(RateWindow[] windows, int replicas, TimeSpan margin) =>
        windows.Where(w => w.Seconds > 0 && w.Limit > 0)
            .Select(w => (TimeSpan.FromSeconds(w.Seconds) + margin, Math.Max(1, w.Limit / replicas)))
            .ToArray();
}

/// <summary>What the pacer said.</summary>
public abstract record PacingDecision
{
    private PacingDecision()
    {
    }

    /// <summary>A slot is reserved at <see cref="At"/>: send then, and report <see cref="Reservation"/> as sent (null when pacing is off).</summary>
    public sealed record SendAt(DateTimeOffset At, PacingReservation? Reservation) : PacingDecision;

    /// <summary>No slot now; ask again at <see cref="At"/>, or when <see cref="Sooner"/> (if any) completes first.</summary>
    public sealed record NotBefore(DateTimeOffset At, Task? Sooner = null) : PacingDecision;
}

/// <summary>A slot a send holds, to be reported when the send was answered.</summary>
public sealed record PacingReservation(string ConversationKey, string TenantKey, DateTimeOffset Slot);
