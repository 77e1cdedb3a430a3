using System.Diagnostics;
using MassTransit;
using ProactiveSuite.Bench.Machine;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// MassTransit's own ceiling on this broker: N messages shaped like the Dispatcher's per-recipient deliveries, sent
/// a page of 500 at a time as the fan-out sends them, to a queue whose consumer does nothing, with the same
/// concurrency and prefetch as the Dispatcher's deliveries queue. Measured from the first send to the last consume.
/// </summary>
public static class MassTransitCeiling
{
    private const int Page = 500;

    /// <param name="quorum">A quorum queue, as the Dispatcher's command queues are; else a classic durable queue (MassTransit's default).</param>
    public static async Task<CeilingResult> MeasureAsync(Uri amqpUri, int messages, int concurrency, bool quorum, IReadOnlyDictionary<string, int> metered, CancellationToken cancellationToken)
    {
        var queue = $"bench-noop-{(quorum ? "quorum" : "classic")}-{Guid.NewGuid():N}";
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(amqpUri);
            cfg.ReceiveEndpoint(queue, endpoint =>
            {
                if (quorum)
                {
                    endpoint.SetQuorumQueue();
                }

                endpoint.PrefetchCount = concurrency;
                endpoint.ConcurrentMessageLimit = concurrency;
                endpoint.Handler<NoOpDelivery>(_ =>
                {
                    if (Interlocked.Increment(ref consumed) == messages)
                    {
                        done.TrySetResult();
                    }

                    return Task.CompletedTask;
                });
            });
        });
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        cancellationToken = limit.Token;
        await bus.StartAsync(cancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{queue}"));
            var now = DateTimeOffset.UtcNow;
            var cpu = CpuMeter.Start(metered);
            var clock = Stopwatch.StartNew();
            for (var sent = 0; sent < messages; sent += Page)
            {
                var count = Math.Min(Page, messages - sent);
                await Task.WhenAll(Enumerable.Range(sent, count).Select(i => endpoint.Send(Probe(i, now), cancellationToken)));
            }

            var sendSeconds = clock.Elapsed.TotalSeconds;
            await done.Task.WaitAsync(cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            return new CeilingResult(quorum ? "quorum" : "classic", messages, Math.Round(seconds, 2), Math.Round(messages / seconds, 1), Math.Round(sendSeconds, 2), cpu.Stop());
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await bus.StopAsync(stopping.Token);
        }
    }

    private static NoOpDelivery Probe(int i, DateTimeOffset now)
    {
        var user = $"u{i:D6}";
        var tenant = $"t{i % 100:D3}";
        var address = new ConversationAddress(
            "emulator",
            "http://127.0.0.1:40000/",
            new ConversationInfo("emu-" + user, "personal", tenant, false),
            new ParticipantInfo(user, null, null),
            new ParticipantInfo("bot-proactive", "ProactiveBot", null),
            "en-US");
        return new NoOpDelivery("bench-ceiling-0123456789abcdef", new Recipient("emulator", user, tenant), "Benchmark ceiling: as long as a delivery's text", null, false, new NoOpLookup(address, null, null), null, now);
    }
}

/// <summary>The shape of the Dispatcher's <c>DeliverToRecipient</c>, so that the ceiling moves messages of the same size.</summary>
public sealed record NoOpDelivery(
    string NotificationId,
    Recipient Recipient,
    string? Text,
    IReadOnlyList<NotificationAttachment>? Attachments,
    bool CreateConversationIfMissing,
    NoOpLookup? Lookup,
    DateTimeOffset? NotBefore,
    DateTimeOffset RequestedAt);

/// <summary>The shape of the Dispatcher's <c>ReferenceLookup</c>: the fan-out sends each delivery with the address it found.</summary>
public sealed record NoOpLookup(ConversationAddress? Address, string? RevokedReasonCode, DateTimeOffset? RevokedAt);

/// <param name="Queue">quorum or classic.</param>
/// <param name="Messages">How many were sent and consumed.</param>
/// <param name="Seconds">From the first send to the last consume.</param>
/// <param name="PerSecond">Messages / Seconds.</param>
/// <param name="SendSeconds">How long sending all of them took.</param>
public sealed record CeilingResult(string Queue, int Messages, double Seconds, double PerSecond, double SendSeconds, CpuProfile Cpu);
