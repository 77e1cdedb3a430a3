namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>Messages an observer received, in order, with a way to wait for one.</summary>
public sealed class ObservedMessages<T>
    where T : class
{
    private readonly List<T> _received = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Waiter)> _waiters = [];
    private readonly Lock _gate = new();

    public void Add(T message)
    {
        lock (_gate)
        {
            _received.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                waiter.Waiter.TrySetResult(message);
                _waiters.Remove(waiter);
            }
        }
    }

    public IReadOnlyList<T> All()
    {
        lock (_gate)
        {
            return [.. _received];
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, CancellationToken cancellationToken)
    {
        TaskCompletionSource<T> waiter;
        lock (_gate)
        {
            if (_received.FirstOrDefault(match) is { } already)
            {
                return already;
            }

            waiter = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
        }

        using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return await waiter.Task;
    }
}
