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

        var slots = Enumerable.Range(0, 7).Select(_ => Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("conv-1", "tenant-a")).At).ToList();
        var eighth = pacer.Reserve("conv-1", "tenant-a");

        Assert.All(slots, at => Assert.Equal(T0, at));
        Assert.Equal(T0.AddSeconds(1), Assert.IsType<PacingDecision.NotBefore>(eighth).At);
    }

    [Fact]
    public void The_two_second_window_allows_only_eight_even_when_each_second_has_room()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        for (var i = 0; i < 7; i++)
        {
            pacer.Reserve("conv-1", "tenant-a");
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("conv-1", "tenant-a"));
        var ninth = Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a"));

        Assert.Equal(T0.AddSeconds(2), ninth.At);
    }

    [Fact]
    public void A_tenant_over_its_rate_gets_later_slots_one_per_window_share_instead_of_a_refusal()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 50);

        var slots = Enumerable.Range(0, 120).Select(i => Assert.IsType<PacingDecision.SendAt>(pacer.Reserve($"conv-{i}", "tenant-a")).At).ToList();

        Assert.Equal(50, slots.Count(at => at == T0));
        Assert.Equal(50, slots.Count(at => at == T0.AddSeconds(1)));
        Assert.Equal(20, slots.Count(at => at == T0.AddSeconds(2)));
    }

    [Fact]
    public void Tenants_do_not_share_a_budget()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 2);
        pacer.Reserve("a-1", "tenant-a");
        pacer.Reserve("a-2", "tenant-a");

        Assert.Equal(T0, Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("b-1", "tenant-b")).At);
        Assert.Equal(T0.AddSeconds(1), Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("a-3", "tenant-a")).At);
    }

    [Fact]
    public void Each_replica_paces_to_its_share_so_together_they_keep_the_limit()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock, perTenant: 50, replicas: 2);

        var now = Enumerable.Range(0, 60).Count(i => Assert.IsType<PacingDecision.SendAt>(pacer.Reserve($"conv-{i}", "tenant-a")).At == T0);

        Assert.Equal(25, now);
    }

    [Fact]
    public void After_a_429_the_conversation_waits_for_the_channels_retry_after()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        pacer.Throttled("conv-1", T0.AddSeconds(30));

        Assert.Equal(T0.AddSeconds(30), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
        Assert.Equal(T0, Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("conv-2", "tenant-a")).At);
    }

    [Fact]
    public void Pacing_can_be_turned_off()
    {
        var clock = new ManualClock(T0);
        var pacer = new DeliveryPacer(Options.Create(new RateLimitOptions { Enabled = false }), clock);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(T0, Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("conv-1", "t")).At));
    }

    [Fact]
    public void A_send_counts_from_when_the_channel_answered_so_slow_travel_cannot_overlap_the_channels_window()
    {
        var clock = new ManualClock(T0);
        var pacer = Pacer(clock);
        var slots = Enumerable.Range(0, 7).Select(_ => Assert.IsType<PacingDecision.SendAt>(pacer.Reserve("conv-1", "tenant-a"))).ToList();

        clock.Advance(TimeSpan.FromMilliseconds(300));
        foreach (var slot in slots)
        {
            pacer.Sent(slot.Reservation!, clock.GetUtcNow());
        }

        Assert.Equal(T0.AddMilliseconds(1300), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
    }

    [Fact]
    public void The_margin_widens_every_window_against_uneven_travel_times()
    {
        var clock = new ManualClock(T0);
        var pacer = new DeliveryPacer(Options.Create(new RateLimitOptions { Margin = TimeSpan.FromMilliseconds(100) }), clock);
        for (var i = 0; i < 7; i++)
        {
            pacer.Reserve("conv-1", "tenant-a");
        }

        Assert.Equal(T0.AddMilliseconds(1100), Assert.IsType<PacingDecision.NotBefore>(pacer.Reserve("conv-1", "tenant-a")).At);
    }

    private static DeliveryPacer Pacer(ManualClock clock, int perTenant = 1000, int replicas = 1) =>
        new(Options.Create(new RateLimitOptions { PerTenant = [new RateWindow { Seconds = 1, Limit = perTenant }], Replicas = replicas, Margin = TimeSpan.Zero }), clock);
}
