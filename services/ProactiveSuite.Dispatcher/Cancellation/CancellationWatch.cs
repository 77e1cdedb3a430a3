using System.Collections.Concurrent;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Cancellation;

/// <summary>
/// Tells deliveries whether their notification was cancelled without a store read for each one: a
/// cancellation is remembered for good, a "not cancelled" for a second, so every Dispatcher replica
/// stops a cancelled broadcast within about a second.
/// </summary>
public sealed class CancellationWatch(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (bool Cancelled, DateTimeOffset Until)> _known = new();

    public async Task<bool> IsCancelledAsync(string notificationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(notificationId, out var known) && (known.Cancelled || known.Until > now))
        {
            return known.Cancelled;
        }

        await using var scope = scopes.CreateAsyncScope();
        var progress = await scope.ServiceProvider.GetRequiredService<INotificationProgressStore>().FindAsync(notificationId, cancellationToken);
        var cancelled = progress?.CancelRequested == true;
        _known[notificationId] = (cancelled, now + Recheck);
        if (_known.Count > 100_000)
        {
            // Old answers are cheap to ask again; an unbounded cache is not.
            _known.Clear();
        }

        return cancelled;
    }

    /// <summary>This Dispatcher cancelled it: no need to wait for the next check.</summary>
    public void Cancelled(string notificationId) => _known[notificationId] = (true, DateTimeOffset.MaxValue);
}
