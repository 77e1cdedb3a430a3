using Microsoft.Extensions.Options;
using ProactiveSuite.Dispatcher.Pacing;

namespace ProactiveSuite.Tests.Dispatcher;

public class DeliveryPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seven_sends_a_second_to_one_conversation_go_at_once_and_the_eighth_waits_for_the_window()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);

        var slots = Enumerable.Range(0, 7).Select(_ => Reserved(pacer.Reserve("conv-1", "tenant-a"))).ToList();
        AnswerAll(pacer, slots, startedAt: T0, answeredAt: T0);
        var eighth = pacer.Reserve("conv-1", "tenant-a");

        Assert.All(slots, slot => Assert.Equal(T0, slot.At));
        Assert.Equal(T0.AddSeconds(1), Assert.IsType<PacingDecision.NotBefore>(eighth).At);
    }

    [Fact]
    public void The_two_second_window_allows_only_eight_even_when_each_second_has_room()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        AnswerAll(pacer, Enumerable.Range(0, 7).Select(_ => Reserved(pacer.Reserve("conv-1", "tenant-a"))), T0, T0);

        clock.Advance(TimeSpan.FromSeconds(1));
        AnswerAll(pacer, [Reserved(pacer.Reserve("conv-1", "tenant-a"))], clock.GetUtcNow(), clock.GetUtcNow());
        var ninth = Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a"));

        Assert.Equal(T0.AddSeconds(2), ninth.At);
    }

    [Fact]
    public void Sends_in_flight_fill_the_window_until_answered_and_each_answer_lets_one_waiting_send_reserve_a_window_after_it()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 50);

        var first = Enumerable.Range(0, 50).Select(i => Reserved(pacer.Reserve($"conv-{i}", "tenant-a"))).ToList();
        var waiting = Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-50", "tenant-a"));
        var alsoWaiting = Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-51", "tenant-a"));

        Assert.All(first, slot => Assert.Equal(T0, slot.At));
        Assert.Equal(T0 + DeliveryPacer.AnswerPatience, waiting.At);
        Assert.False(waiting.Sooner!.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        pacer.Sent(first[0].Reservation!, T0, clock.GetUtcNow());

        Assert.True(waiting.Sooner.IsCompleted);
        Assert.False(alsoWaiting.Sooner!.IsCompleted);
        // Counted when it was answered: the channel saw it between T0 and T0+100 ms.
        Assert.Equal(T0.AddMilliseconds(1100), Reserved(pacer.Reserve("conv-50", "tenant-a")).At);
        Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-51", "tenant-a"));
    }

    [Theory]
    [InlineData(SendCounting.Answer)]
    [InlineData(SendCounting.MidRoundTrip)]
    public void Calls_that_travel_faster_than_the_ones_before_them_still_reach_the_channel_within_its_limit(SendCounting counting)
    {
        // The channel emulator's shape: a call is counted when it arrives and answered at once. Arrival takes
        // 50 to 80 ms, in an order that makes a later call often faster than the one a window before it
        // (which counting sends at their slot let through as 429s); never less than half as long.
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 5, counting: counting);
        var arrivals = new List<DateTimeOffset>();
        var planned = new List<PacingDecision.SendAt>();
        var inFlight = new List<(PacingReservation Reservation, DateTimeOffset Start, TimeSpan Travel)>();
        var recipients = 0;

        for (var step = 0; step < 20_000 && arrivals.Count < 40; step++)
        {
            var now = clock.GetUtcNow();
            foreach (var call in inFlight.Where(c => c.Start + c.Travel <= now).ToList())
            {
                arrivals.Add(call.Start + call.Travel);
                pacer.Sent(call.Reservation, call.Start, call.Start + call.Travel);
                inFlight.Remove(call);
            }

            foreach (var slot in planned.Where(p => p.At <= now).ToList())
            {
                var travel = TimeSpan.FromMilliseconds(80 - (arrivals.Count + inFlight.Count) * 7 % 31);
                inFlight.Add((slot.Reservation!, now, travel));
                planned.Remove(slot);
            }

            // Twelve deliveries at a time, as a Dispatcher's concurrency allows: a waiting one asks again every millisecond.
            while (recipients < 40 && planned.Count + inFlight.Count < 12 && pacer.Reserve($"conv-{recipients}", "tenant-a") is PacingDecision.SendAt slot)
            {
                planned.Add(slot);
                recipients++;
            }

            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(40, arrivals.Count);
        Assert.All(arrivals, arrival => Assert.True(arrivals.Count(a => a > arrival - TimeSpan.FromSeconds(1) && a <= arrival) <= 5, $"more than 5 arrivals in the second up to {arrival:O}"));
    }

    [Fact]
    public void Tenants_do_not_share_a_budget()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 2);
        pacer.Reserve("a-1", "tenant-a");
        pacer.Reserve("a-2", "tenant-a");

        Assert.Equal(T0, Reserved(pacer.Reserve("b-1", "tenant-b")).At);
        Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("a-3", "tenant-a"));
    }

    [Fact]
    public void Each_replica_paces_to_its_share_so_together_they_keep_the_limit()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 50, replicas: 2);

        var now = Enumerable.Range(0, 60).Count(i => pacer.Reserve($"conv-{i}", "tenant-a") is PacingDecision.SendAt slot && slot.At == T0);

        Assert.Equal(25, now);
    }

    [Fact]
    public void A_released_reservation_frees_its_room_and_wakes_a_waiting_send()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 1);
        var held = Reserved(pacer.Reserve("conv-1", "tenant-a"));
        var waiting = Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-2", "tenant-a"));

        pacer.Release(held.Reservation!);

        Assert.True(waiting.Sooner!.IsCompleted);
        Assert.Equal(T0, Reserved(pacer.Reserve("conv-2", "tenant-a")).At);
    }

    [Fact]
    public void A_reservation_never_answered_nor_released_is_forgotten_in_the_end()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 1);
        Reserved(pacer.Reserve("conv-1", "tenant-a"));
        Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-2", "tenant-a"));

        clock.Advance(DeliveryPacer.AbandonedAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(clock.GetUtcNow(), Reserved(pacer.Reserve("conv-2", "tenant-a")).At);
    }

    [Fact]
    public void After_a_429_the_conversation_waits_for_the_channels_retry_after()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        pacer.Throttled("conv-1", T0.AddSeconds(30));

        Assert.Equal(T0.AddSeconds(30), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
        Assert.Equal(T0, Reserved(pacer.Reserve("conv-2", "tenant-a")).At);
    }

    [Fact]
    public void Pacing_can_be_turned_off()
    {
        var clock = new ManualClock(T0);
        var pacer = new DeliveryPacer(Options.Create(new RateLimitOptions { Enabled = false }), clock);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(T0, Reserved(pacer.Reserve("conv-1", "t")).At));
    }

    [Fact]
    public void A_send_counts_when_its_answer_came_back()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        var slots = Enumerable.Range(0, 7).Select(_ => Reserved(pacer.Reserve("conv-1", "tenant-a"))).ToList();

        clock.Advance(TimeSpan.FromMilliseconds(300));
        AnswerAll(pacer, slots, T0, clock.GetUtcNow());

        Assert.Equal(T0.AddMilliseconds(1300), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
    }

    [Fact]
    public void Configured_so_a_send_counts_at_the_middle_of_its_round_trip()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, counting: SendCounting.MidRoundTrip);
        var slots = Enumerable.Range(0, 7).Select(_ => Reserved(pacer.Reserve("conv-1", "tenant-a"))).ToList();

        clock.Advance(TimeSpan.FromMilliseconds(300));
        AnswerAll(pacer, slots, T0, clock.GetUtcNow());

        Assert.Equal(T0.AddMilliseconds(1150), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
    }

    [Fact]
    public void The_margin_widens_every_window_against_uneven_travel_times()
    {
        var clock = new ManualClock(T0);
        var pacer = new DeliveryPacer(Options.Create(new RateLimitOptions { Margin = TimeSpan.FromMilliseconds(100) }), clock);
        AnswerAll(pacer, Enumerable.Range(0, 7).Select(_ => Reserved(pacer.Reserve("conv-1", "tenant-a"))), T0, T0);

        Assert.Equal(T0.AddMilliseconds(1100), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
    }

    private static PacingDecision.SendAt Reserved(PacingDecision decision) => Assert.IsType<PacingDecision.SendAt>(decision);

    private static void AnswerAll(DeliveryPacer pacer, IEnumerable<PacingDecision.SendAt> slots, DateTimeOffset startedAt, DateTimeOffset answeredAt)
    {
        foreach (var slot in slots)
        {
            pacer.Sent(slot.Reservation!, startedAt, answeredAt);
        }
    }

    private static DeliveryPacer Pacer(ManualClock clock, int perTenant = 1000, int replicas = 1, SendCounting counting = SendCounting.Answer) =>
        new(Options.Create(new RateLimitOptions { PerTenant = [new RateWindow { Seconds = 1, Limit = perTenant }], Replicas = replicas, Margin = TimeSpan.Zero, CountSendsAt = counting }), clock);
}
