using System.Net;
using Microsoft.Extensions.Options;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Dispatcher.Pacing;
using ProactiveSuite.Tests.ChannelEmulator;
using PacedWindow = ProactiveSuite.Dispatcher.Pacing.RateWindow;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>
/// The pacer on the system clock and its timers, against the channel emulator enforcing the same limit over real
/// HTTP: at a low rate every slot is on a window's edge, so only here does a send that leaves a fraction of a
/// millisecond early (a timer fires up to about a millisecond before it is due) show as a 429.
/// </summary>
public sealed class PacingOnTheRealClockTests
{
    private const int PerSecond = 20;
    private const int Sends = 300;

    // With a latency, the pacer counts each answered send the shortest round trip (its trusted part) before its answer.
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(1, 50)]
    public async Task Sends_paced_to_20_a_second_leave_no_earlier_than_their_slots_and_draw_no_429(int replicas, int latencyMilliseconds)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = TimeProvider.System;
        await using var channel = await ChannelEmulatorServer.StartAsync(ct: ct);
        channel.Limits.EnforceTeamsLimits(ChannelRateLimits.Teams.WithTenantLimitPerSecond(PerSecond));
        channel.Faults.SetLatency(TimeSpan.FromMilliseconds(latencyMilliseconds));
        using var bot = new BotCalls(channel);
        // Replicas share the limit as deployed: each paces to its share, in its own memory.
        var pacers = Enumerable.Range(0, replicas)
            .Select(_ => new DeliveryPacer(Options.Create(new RateLimitOptions { PerTenant = [new PacedWindow { Seconds = 1, Limit = PerSecond }], Replicas = replicas }), clock))
            .ToList();
        var next = 0;
        var early = 0;
        var throttled = 0;

        // Eight deliveries at a time per replica, one conversation each, as the Dispatcher makes them.
        async Task DeliverAsync(DeliveryPacer pacer)
        {
            while (Interlocked.Increment(ref next) is var recipient && recipient <= Sends)
            {
                var slot = await ReserveAsync(pacer, $"conv-{recipient}", clock, ct);
                await SlotWait.UntilAsync(slot.At, clock, ct);
                var startedAt = clock.GetUtcNow();
                if (startedAt < slot.At)
                {
                    Interlocked.Increment(ref early);
                }

                using var answer = await bot.SendAsync($"conv-{recipient}", ct: ct);
                pacer.Sent(slot.Reservation!, startedAt, clock.GetUtcNow());
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref throttled);
                }
            }
        }

        await Task.WhenAll(pacers.SelectMany(pacer => Enumerable.Range(0, 8).Select(_ => Task.Run(() => DeliverAsync(pacer), ct))));

        Assert.Equal((0, 0), (early, throttled));
        Assert.Equal(Sends, channel.Statistics.Total.Sends);
    }

    private static async Task<PacingDecision.SendAt> ReserveAsync(DeliveryPacer pacer, string conversation, TimeProvider clock, CancellationToken ct)
    {
        while (true)
        {
            switch (pacer.Reserve(conversation, "tenant-a"))
            {
                case PacingDecision.SendAt slot:
                    return slot;
                case PacingDecision.NotBefore later:
                    var wait = later.At - clock.GetUtcNow();
                    var due = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, ct);
                    await (later.Sooner is { } answered ? Task.WhenAny(answered, due) : due);
                    break;
            }
        }
    }
}
