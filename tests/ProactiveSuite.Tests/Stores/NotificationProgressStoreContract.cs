using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.Progress.Stores;

namespace ProactiveSuite.Tests.Stores;

public sealed class NotificationProgressOnEmbeddedStore() : NotificationProgressStoreContract(new EmbeddedStoreUnderTest());

public sealed class NotificationProgressOnMongoDb() : NotificationProgressStoreContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="INotificationProgressStore"/> adapter must do: count each settle once, however many race, and let exactly one caller finish.</summary>
public abstract class NotificationProgressStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private INotificationProgressStore Progress { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Progress = Store.Open<INotificationProgressStore, NotificationProgressStore>();
    }

    [Fact]
    public async Task A_recall_also_cancels_and_an_edit_is_kept_with_its_content_only_for_known_notifications()
    {
        await Progress.StartAsync("n", total: 2, T0, default);
        var edit = NotificationEdit.Of("new text", [new ProactiveSuite.Contracts.Notifications.NotificationAttachment("application/vnd.microsoft.card.adaptive", Content: System.Text.Json.JsonDocument.Parse("""{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","body":[]}""").RootElement)], T0);

        Assert.True(await Progress.RequestEditAsync("n", edit, default));
        Assert.True(await Progress.RequestRecallAsync("n", default));
        Assert.False(await Progress.RequestRecallAsync("unknown", default));
        Assert.False(await Progress.RequestEditAsync("unknown", edit, default));

        var stored = (await Progress.FindAsync("n", default))!;
        Assert.Equal((true, true), (stored.RecallRequested, stored.CancelRequested));
        Assert.Equal((edit.Revision, "new text", T0), (stored.Edit!.Revision, stored.Edit.Text, stored.Edit.RequestedAt));
        Assert.Equal("AdaptiveCard", stored.Edit.Attachments.Single().Content!.Value.GetProperty("type").GetString());
        Assert.StartsWith("http://adaptivecards.io/", stored.Edit.Attachments.Single().Content!.Value.GetProperty("$schema").GetString());
        Assert.Null(await Progress.FindAsync("unknown", default));
    }

    [Fact]
    public async Task A_second_start_keeps_the_first()
    {
        await Progress.StartAsync("n", total: 3, T0, default);

        var again = await Progress.StartAsync("n", total: 99, T0.AddHours(1), default);

        Assert.Equal((3, T0), (again.Total, again.StartedAt));
    }

    [Fact]
    public async Task Each_settle_returns_the_counts_it_left_by_outcome_and_reason()
    {
        await Progress.StartAsync("n", total: 5, T0, default);

        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        await Progress.SettleAsync("n", Settlement.Failed, "NoReference", default);
        await Progress.SettleAsync("n", Settlement.Failed, "NoReference", default);
        await Progress.SettleAsync("n", Settlement.Cancelled, null, default);
        var last = await Progress.SettleAsync("n", Settlement.Unknown, null, default);

        Assert.Equal((1, 2, 1, 1, 5, true), (last!.Delivered, last.Failed, last.Cancelled, last.Unknown, last.Settled, last.IsComplete));
        Assert.Equal(new Dictionary<string, int> { ["NoReference"] = 2 }, last.FailedByReason);
        Assert.Null(await Progress.SettleAsync("unknown", Settlement.Delivered, null, default));
    }

    [Fact]
    public async Task Racing_settles_are_each_counted_once_and_exactly_one_settle_sees_everyone_settled()
    {
        const int recipients = 40;
        await Progress.StartAsync("n", total: recipients, T0, default);

        var seen = await Task.WhenAll(Enumerable.Range(0, recipients).Select(_ => Task.Run(() => Progress.SettleAsync("n", Settlement.Delivered, null, default))));

        Assert.Equal(Enumerable.Range(1, recipients), seen.Select(p => p!.Delivered).Order());
        Assert.Single(seen, p => p!.IsComplete);
        Assert.Equal(recipients, (await Progress.FindAsync("n", default))!.Delivered);
    }

    [Fact]
    public async Task Finishing_stores_the_final_counts_once_and_the_finisher_owes_the_completion_until_it_is_published()
    {
        await Progress.StartAsync("n", total: 3, T0, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        var final = new SettledCounts(1, new Dictionary<string, int> { ["NoReference"] = 1 }, 0, Unknown: 1);

        var finishes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Progress.TryFinishAsync("n", final, $"finisher-{i}", T0.AddMinutes(1), default))));

        var finished = Assert.Single(finishes, f => f is not null)!;
        var stored = (await Progress.FindAsync("n", default))!;
        Assert.Equal((1, 1, 0, 1, 0, T0.AddMinutes(1)), (stored.Delivered, stored.Failed, stored.Cancelled, stored.Unknown, stored.Pending, stored.FinishedAt));
        Assert.Equal(new Dictionary<string, int> { ["NoReference"] = 1 }, stored.FailedByReason);
        Assert.Equal(finished.CompletionOwedBy, stored.CompletionOwedBy);
        Assert.StartsWith("finisher-", stored.CompletionOwedBy, StringComparison.Ordinal);

        await Progress.MarkCompletionPublishedAsync("n", default);
        Assert.Null((await Progress.FindAsync("n", default))!.CompletionOwedBy);
    }

    [Fact]
    public async Task A_finished_notification_counts_no_more_settles()
    {
        await Progress.StartAsync("n", total: 1, T0, default);
        await Progress.TryFinishAsync("n", new SettledCounts(1, new Dictionary<string, int>(), 0), "finisher", T0, default);

        var late = await Progress.SettleAsync("n", Settlement.Delivered, null, default);

        Assert.Equal((1, T0, "finisher"), (late!.Delivered, late.FinishedAt, late.CompletionOwedBy));
        Assert.Equal(1, (await Progress.FindAsync("n", default))!.Delivered);
    }

    [Fact]
    public async Task A_cancelled_fan_out_remembers_the_recipients_it_never_sent_apart()
    {
        await Progress.StartAsync("n", total: null, T0, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);

        await Progress.SetTotalAsync("n", 10, cancelledUnsent: 7, default);

        var stored = (await Progress.FindAsync("n", default))!;
        Assert.Equal((10, 7, 7, 2), (stored.Total, stored.Cancelled, stored.CancelledUnsent, stored.Pending));
    }

    // Every way a notification can end: each must finish it, once, whichever counters the settles touched.
    [Theory]
    [InlineData(Settlement.Delivered, Settlement.Delivered)]
    [InlineData(Settlement.Failed, Settlement.Failed)]
    [InlineData(Settlement.Cancelled, Settlement.Cancelled)]
    [InlineData(Settlement.Delivered, Settlement.Failed)]
    [InlineData(Settlement.Failed, Settlement.Cancelled)]
    [InlineData(Settlement.Cancelled, Settlement.Unknown)]
    [InlineData(Settlement.Unknown, Settlement.Unknown)]
    public async Task Settling_every_recipient_finishes_the_notification_whatever_the_outcomes(Settlement first, Settlement second)
    {
        await Progress.StartAsync("n", total: 2, T0, default);
        await Progress.SettleAsync("n", first, "NoReference", default);
        Assert.False((await Progress.FindAsync("n", default))!.IsComplete);

        var last = await Progress.SettleAsync("n", second, "NoReference", default);

        Assert.True(last!.IsComplete);
        await AssertFinishesOnceAsync(T0.AddMinutes(1));
    }

    [Fact]
    public async Task A_mix_of_every_outcome_finishes_the_notification()
    {
        await Progress.StartAsync("n", total: 3, T0, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        await Progress.SettleAsync("n", Settlement.Failed, "Forbidden", default);
        await Progress.SettleAsync("n", Settlement.Cancelled, null, default);

        await AssertFinishesOnceAsync(T0.AddMinutes(1));
        Assert.Equal((1, 1, 1), await CountsAsync());
    }

    [Theory]
    [InlineData(Settlement.Delivered)]
    [InlineData(Settlement.Failed)]
    [InlineData(Settlement.Cancelled)]
    public async Task A_total_set_after_every_settle_finishes_the_notification(Settlement outcome)
    {
        await Progress.StartAsync("n", total: null, T0, default);
        await Progress.SettleAsync("n", outcome, "NoReference", default);
        await Progress.SettleAsync("n", outcome, "NoReference", default);
        Assert.False((await Progress.FindAsync("n", default))!.IsComplete);

        await Progress.SetTotalAsync("n", 2, cancelledUnsent: 0, default);

        await AssertFinishesOnceAsync(T0.AddMinutes(1));
    }

    [Fact]
    public async Task A_channel_audience_finishes_once_its_total_is_known_and_everyone_is_settled()
    {
        await Progress.StartAsync("n", total: null, T0, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);
        Assert.False((await Progress.FindAsync("n", default))!.IsComplete);

        await Progress.SetTotalAsync("n", 3, cancelledUnsent: 0, default);
        Assert.False((await Progress.FindAsync("n", default))!.IsComplete);
        await Progress.SettleAsync("n", Settlement.Failed, "NoReference", default);
        Assert.False((await Progress.FindAsync("n", default))!.IsComplete);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);

        await AssertFinishesOnceAsync(T0.AddMinutes(1));
    }

    [Fact]
    public async Task A_fan_out_cancelled_part_way_counts_the_unsent_as_cancelled_and_finishes()
    {
        await Progress.StartAsync("n", total: null, T0, default);
        await Progress.SettleAsync("n", Settlement.Delivered, null, default);

        await Progress.SetTotalAsync("n", 5, cancelledUnsent: 4, default);

        await AssertFinishesOnceAsync(T0.AddMinutes(1));
        Assert.Equal((1, 0, 4), await CountsAsync());
    }

    [Fact]
    public async Task A_notification_with_nobody_to_send_to_finishes_at_once()
    {
        await Progress.StartAsync("n", total: 0, T0, default);

        await AssertFinishesOnceAsync(T0.AddMinutes(1));
    }

    [Fact]
    public async Task A_started_notification_reads_back_with_every_counter_at_zero()
    {
        await Progress.StartAsync("n", total: 2, T0, default);

        var stored = (await Progress.FindAsync("n", default))!;

        Assert.Equal((2, 0, 0, 0, 0, 0, (DateTimeOffset?)null, false), (stored.Total, stored.Delivered, stored.Failed, stored.Cancelled, stored.Throttled, stored.FannedOut, stored.FinishedAt, stored.CancelRequested));
        Assert.Empty(stored.FailedByReason);
        Assert.Equal(2, stored.Pending);
    }

    /// <summary>The counters say complete (read back as the store keeps them), and the finish is taken once.</summary>
    private async Task AssertFinishesOnceAsync(DateTimeOffset at)
    {
        var stored = (await Progress.FindAsync("n", default))!;
        Assert.True(stored.IsComplete);
        var final = new SettledCounts(stored.Delivered, stored.FailedByReason, stored.Cancelled);
        Assert.NotNull(await Progress.TryFinishAsync("n", final, "finisher", at, default));
        Assert.Null(await Progress.TryFinishAsync("n", final, "finisher", at.AddMinutes(1), default));
        Assert.Equal(at, (await Progress.FindAsync("n", default))!.FinishedAt);
    }

    private async Task<(int Delivered, int Failed, int Cancelled)> CountsAsync()
    {
        var progress = (await Progress.FindAsync("n", default))!;
        return (progress.Delivered, progress.Failed, progress.Cancelled);
    }
}
