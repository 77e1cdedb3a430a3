namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens asynchronously across processes. The bound only keeps a broken
/// run from hanging: it is a failure with context, never a measurement.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    public static async Task<T> Until<T>(Func<Task<T?>> probe, string what, Func<string>? context = null, TimeSpan? patience = null)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(patience ?? Patience);
        while (!deadline.IsCancellationRequested)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.Fail($"Gave up waiting for {what} after {(patience ?? Patience).TotalSeconds} s.{Environment.NewLine}{context?.Invoke()}");
        return null!;
    }

    /// <summary>Awaits <paramref name="task"/>, failing with context when it does not complete within <see cref="Patience"/>.</summary>
    public static async Task<T> Within<T>(Func<CancellationToken, Task<T>> task, string what, Func<string>? context = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        try
        {
            return await task(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"Gave up waiting for {what} after {Patience.TotalSeconds} s.{Environment.NewLine}{context?.Invoke()}");
            throw;
        }
    }
}
