using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;

namespace ProactiveSuite.Tests.Dispatcher.Reporting;

/// <summary>The ledger, not the counters, says when a notification is finished and with what counts.</summary>
public class FinishRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counters_that_counted_a_recipient_twice_do_not_finish_it_before_the_ledger_has_everyone()
    {
        var counters = NotificationProgress.New("n", 3, T0) with { Delivered = 3 };

        Assert.Null(FinishRule.FinalCounts(counters, new SettledCounts(2, new Dictionary<string, int>(), 0)));
    }

    [Fact]
    public void The_final_counts_are_the_ledgers_whatever_the_counters_say()
    {
        var counters = NotificationProgress.New("n", 3, T0) with { Delivered = 4 };
        var ledger = new SettledCounts(2, new Dictionary<string, int> { ["NoReference"] = 1 }, 0);

        Assert.Equal(ledger, FinishRule.FinalCounts(counters, ledger));
    }

    [Fact]
    public void Recipients_a_cancelled_fan_out_never_sent_count_as_cancelled()
    {
        var counters = NotificationProgress.New("n", 10, T0) with { Delivered = 3, Cancelled = 7, CancelledUnsent = 7 };

        var final = FinishRule.FinalCounts(counters, new SettledCounts(3, new Dictionary<string, int>(), 0));

        Assert.Equal((3, 7, 10), (final!.Delivered, final.Cancelled, final.Settled));
    }

    [Fact]
    public void Without_a_total_or_once_finished_there_is_nothing_to_finish()
    {
        var everyone = new SettledCounts(5, new Dictionary<string, int>(), 0);

        Assert.Null(FinishRule.FinalCounts(NotificationProgress.New("n", null, T0), everyone));
        Assert.Null(FinishRule.FinalCounts(NotificationProgress.New("n", 5, T0) with { FinishedAt = T0 }, everyone));
    }
}
