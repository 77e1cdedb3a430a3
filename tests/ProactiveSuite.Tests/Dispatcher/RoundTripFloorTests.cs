using ProactiveSuite.Dispatcher.Pacing;

namespace ProactiveSuite.Tests.Dispatcher;

public sealed class RoundTripFloorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trusts_nothing_until_it_has_seen_many_calls()
    {
        var floor = new RoundTripFloor(TimeSpan.FromMinutes(10));

        var first = Enumerable.Range(0, 100).Select(i => floor.Observe(TimeSpan.FromMilliseconds(50), Start.AddSeconds(i / 10.0))).ToList();

        Assert.All(first, f => Assert.Equal(TimeSpan.Zero, f));
        Assert.Equal(TimeSpan.FromMilliseconds(43), floor.Observe(TimeSpan.FromMilliseconds(80), Start.AddSeconds(11)));
    }

    [Fact]
    public void Trusts_nothing_while_the_shortest_round_trip_still_falls_as_after_a_cold_start()
    {
        var floor = Warmed(TimeSpan.FromMilliseconds(200));

        Assert.Equal(TimeSpan.Zero, floor.Observe(TimeSpan.FromMilliseconds(50), Start.AddSeconds(20)));
        Assert.Equal(TimeSpan.Zero, floor.Observe(TimeSpan.FromMilliseconds(60), Start.AddSeconds(24)));
        Assert.Equal(TimeSpan.FromMilliseconds(43), floor.Observe(TimeSpan.FromMilliseconds(60), Start.AddSeconds(25)));
    }

    [Fact]
    public void Is_nine_tenths_of_the_shortest_round_trip_less_2_ms_and_a_slightly_shorter_one_is_trusted_at_once()
    {
        var floor = Warmed(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(88), floor.Observe(TimeSpan.FromMilliseconds(300), Start.AddSeconds(20)));
        Assert.Equal(TimeSpan.FromMilliseconds(83.5), floor.Observe(TimeSpan.FromMilliseconds(95), Start.AddSeconds(21)));
    }

    [Fact]
    public void Counts_nothing_before_the_answer_on_a_network_with_no_delay_of_its_own()
    {
        var floor = Warmed(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.Zero, floor.Observe(TimeSpan.FromMilliseconds(40), Start.AddSeconds(20)));
    }

    [Fact]
    public void Forgets_a_shorter_round_trip_after_two_spans_so_a_slower_network_raises_it_again()
    {
        var floor = Warmed(TimeSpan.FromMilliseconds(20));

        floor.Observe(TimeSpan.FromMilliseconds(100), Start.AddMinutes(11));
        Assert.Equal(TimeSpan.FromMilliseconds(16), floor.Observe(TimeSpan.FromMilliseconds(100), Start.AddMinutes(12)));
        Assert.Equal(TimeSpan.FromMilliseconds(88), floor.Observe(TimeSpan.FromMilliseconds(100), Start.AddMinutes(22)));
    }

    // 100 calls over 10 seconds at one round trip: trusted from then on.
    private static RoundTripFloor Warmed(TimeSpan roundTrip)
    {
        var floor = new RoundTripFloor(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 100; i++)
        {
            floor.Observe(roundTrip, Start.AddSeconds(i / 10.0));
        }

        return floor;
    }
}
