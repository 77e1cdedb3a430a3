using System.Collections.Concurrent;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Dispatcher.Cancellation;

/// <summary>
/// Tells deliveries whether their notification was cancelled (or recalled), and what it was last edited to,
/// without a store read for each one: a cancellation is remembered for good, anything else for a second, so every
/// Dispatcher replica stops a cancelled broadcast, and sends an edited one's new content, within about a second.
/// A copy sent with the old content meanwhile is updated after its delivery (see <c>DeliveryReporting</c>).
/// </summary>
public sealed class CancellationWatch(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Known> _known = new();

    public async Task<bool> IsCancelledAsync(string notificationId, CancellationToken cancellationToken) =>
        (await KnownAsync(notificationId, cancellationToken)).Cancelled;

    /// <summary>The content it was last edited to; null when never edited.</summary>
    public async Task<NotificationEdit?> EditOfAsync(string notificationId, CancellationToken cancellationToken) =>
        (await KnownAsync(notificationId, cancellationToken)).Edit;

    /// <summary>This Dispatcher cancelled it: no need to wait for the next check.</summary>
    public void Cancelled(string notificationId) =>
        _known[notificationId] = new Known(true, _known.TryGetValue(notificationId, out var known) ? known.Edit : null, DateTimeOffset.MaxValue);

    /// <summary>This Dispatcher edited it: no need to wait for the next check.</summary>
    public void Edited(string notificationId, NotificationEdit edit) =>
        _known[notificationId] = _known.TryGetValue(notificationId, out var known) && known.Cancelled
            ? known with { Edit = edit }
            : new Known(false, edit, clock.GetUtcNow() + Recheck);

    private async Task<Known> KnownAsync(string notificationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(notificationId, out var known) && (known.Cancelled || known.Until > now))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var progress = await scope.ServiceProvider.GetRequiredService<INotificationProgressStore>().FindAsync(notificationId, cancellationToken);
        known = new Known(progress?.CancelRequested == true, progress?.Edit, now + Recheck);
        _known[notificationId] = known;
        if (_known.Count > 100_000)
        {
            // Old answers are cheap to ask again; an unbounded cache is not.
            _known.Clear();
        }

        return known;
    }

    private sealed record Known(bool Cancelled, NotificationEdit? Edit, DateTimeOffset Until);
}
