using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Tests.Dispatcher.Reporting;

/// <summary>
/// A Dispatcher killed between recording a delivery in the ledger and reporting it: the redelivered
/// message must finish the report, so that the counts settle and NotificationCompleted goes out once.
/// </summary>
public sealed class ReportingAfterACrashTests : IAsyncLifetime
{
    private DeliveriesInProcess _dispatcher = null!;

    public async ValueTask InitializeAsync() => _dispatcher = await DeliveriesInProcess.StartAsync();

    public async ValueTask DisposeAsync() => await _dispatcher.DisposeAsync();

    [Fact]
    public async Task A_delivery_recorded_but_not_reported_before_a_crash_is_counted_when_it_is_redelivered()
    {
        const string id = "crash-before-count";
        await _dispatcher.Progress.StartAsync(id, total: 3, DateTimeOffset.UtcNow, default);
        await _dispatcher.DeliverAsync(DeliveriesInProcess.DeliveryTo(id, "ada"));
        await _dispatcher.DeliverAsync(DeliveriesInProcess.DeliveryTo(id, "bob"));

        var last = DeliveriesInProcess.DeliveryTo(id, "cyd");
        await _dispatcher.DeliverWithoutReportingAsync(last);
        await _dispatcher.DeliverAsync(last);

        var progress = (await _dispatcher.Progress.FindAsync(id, default))!;
        Assert.Equal((3, 0, 0), (progress.Delivered, progress.Pending, progress.Failed));
        Assert.NotNull(progress.FinishedAt);
        var completed = Assert.Single(_dispatcher.Completed(id));
        Assert.Equal((3, 3), (completed.Total, completed.Delivered));
        Assert.Equal(3, _dispatcher.Connector.Sends);
    }

    [Fact]
    public async Task A_delivery_counted_but_not_marked_reported_before_a_crash_is_not_counted_twice()
    {
        const string id = "crash-after-count";
        await _dispatcher.Progress.StartAsync(id, total: 3, DateTimeOffset.UtcNow, default);
        await _dispatcher.DeliverAsync(DeliveriesInProcess.DeliveryTo(id, "ada"));
        await _dispatcher.DeliverAsync(DeliveriesInProcess.DeliveryTo(id, "bob"));

        var last = DeliveriesInProcess.DeliveryTo(id, "cyd");
        await _dispatcher.DeliverWithoutReportingAsync(last);
        // Counted, and the process died before anything else: not finished, nothing published.
        await _dispatcher.Progress.SettleAsync(id, Settlement.Delivered, null, default);
        await _dispatcher.DeliverAsync(last);

        var progress = (await _dispatcher.Progress.FindAsync(id, default))!;
        Assert.Equal((3, 0), (progress.Delivered, progress.Pending));
        Assert.NotNull(progress.FinishedAt);
        var completed = Assert.Single(_dispatcher.Completed(id));
        Assert.Equal((3, 3), (completed.Total, completed.Delivered));
    }

    [Fact]
    public async Task A_finish_whose_completion_was_not_published_before_a_crash_is_published_once_by_the_redelivered_finisher()
    {
        const string id = "crash-after-finish";
        await _dispatcher.Progress.StartAsync(id, total: 2, DateTimeOffset.UtcNow, default);
        await _dispatcher.DeliverAsync(DeliveriesInProcess.DeliveryTo(id, "ada"));

        var last = DeliveriesInProcess.DeliveryTo(id, "bob");
        await _dispatcher.DeliverWithoutReportingAsync(last);
        // Counted and finished, and the process died before publishing NotificationCompleted.
        await _dispatcher.Progress.SettleAsync(id, Settlement.Delivered, null, default);
        await _dispatcher.Progress.TryFinishAsync(id, new SettledCounts(2, new Dictionary<string, int>(), 0), last.LedgerKey().Value, DateTimeOffset.UtcNow, default);
        await _dispatcher.DeliverAsync(last);

        var completed = Assert.Single(_dispatcher.Completed(id));
        Assert.Equal((2, 2), (completed.Total, completed.Delivered));
        Assert.Null((await _dispatcher.Progress.FindAsync(id, default))!.CompletionOwedBy);
    }
}
