using Microsoft.Bot.Schema.Teams;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Editing;
using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Progress;
using ProactiveSuite.Dispatcher.ReadReceipts;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>What happens to a delivered copy: read once, recalled once, edited once per content, one change at a time.</summary>
public class CopyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly DeliveryRecord Delivered = DeliveryRecord.New(new DeliveryKey("n-1", "msteams", "29:ada"), T0) with
    {
        State = DeliveryState.Delivered,
        ConversationId = "a:conv",
        ActivityId = "1732440380517",
        Copy = CopyRules.Delivered("https://smba.trafficmanager.net/emea/", "tenant", "28:bot", null),
    };

    private static readonly NotificationProgress Notification = NotificationProgress.New("n-1", 1, T0);

    [Theory]
    [InlineData("1732440380517", "1732440380517", true)]
    [InlineData("1732440380517", "1732440380518", true)]
    [InlineData("1732440380518", "1732440380517", false)]
    [InlineData("not-a-number", "1732440380517", false)]
    [InlineData("1732440380517", "f:1732440411000", false)]
    [InlineData("999", "1000", true)]
    public void The_read_rule_is_the_sdks(string messageId, string lastRead, bool read)
    {
        Assert.Equal(read, ReadRule.IsRead(messageId, lastRead));
        Assert.Equal(ReadReceiptInfo.IsMessageRead(messageId, lastRead), ReadRule.IsRead(messageId, lastRead));
    }

    [Fact]
    public void A_copy_is_read_once_and_only_when_the_receipt_covers_it()
    {
        Assert.Null(CopyRules.Read(Delivered, "1732440380516", T0));
        var read = CopyRules.Read(Delivered, "1732440380600", T0.AddMinutes(1));
        Assert.Equal((T0.AddMinutes(1), 1), (read!.ReadAt, read.Version));
        Assert.Null(CopyRules.Read(Delivered with { Copy = read }, "1732440380700", T0.AddMinutes(2)));
        Assert.Null(CopyRules.Read(Delivered with { State = DeliveryState.Cancelled }, "1732440380600", T0));
    }

    [Fact]
    public void A_recall_wins_over_an_edit_and_a_recalled_copy_needs_nothing_more()
    {
        var edit = NotificationEdit.Of("new", null, T0);
        var recalled = Notification with { RecallRequested = true, Edit = edit };

        Assert.IsType<CopyChange.Delete>(CopyRules.Needed(Delivered, recalled));
        var done = CopyRules.Recalled(CopyRules.Claim(Delivered.Copy, T0, Lease, out _)!, T0);
        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { Copy = done }, recalled));
        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { Copy = done }, Notification with { Edit = edit }));
    }

    [Fact]
    public void An_edit_is_needed_until_the_copy_shows_its_content_and_the_same_content_twice_is_one_edit()
    {
        var edit = NotificationEdit.Of("new", null, T0);
        var edited = Notification with { Edit = NotificationEdit.Of("new", null, T0.AddMinutes(5)) };

        Assert.Equal(edit.Revision, edited.Edit!.Revision);
        var update = Assert.IsType<CopyChange.Update>(CopyRules.Needed(Delivered, edited));
        var done = CopyRules.Edited(CopyRules.Claim(Delivered.Copy, T0, Lease, out _)!, update.Content, T0);
        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { Copy = done }, edited));
        Assert.IsType<CopyChange.Update>(CopyRules.Needed(Delivered with { Copy = done }, Notification with { Edit = NotificationEdit.Of("newer", null, T0) }));
        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { State = DeliveryState.Pending }, edited));
    }

    [Fact]
    public void One_change_at_a_time_a_dead_holders_claim_is_taken_over_and_pacing_is_no_attempt()
    {
        var claimed = CopyRules.Claim(Delivered.Copy, T0, Lease, out _)!;
        Assert.Null(CopyRules.Claim(claimed, T0.AddSeconds(5), Lease, out var heldUntil));
        Assert.Equal(T0 + Lease, heldUntil);
        var takeover = CopyRules.Claim(claimed, T0 + Lease, Lease, out _)!;
        Assert.Equal(2, takeover.ChangeAttempts);
        Assert.Equal(1, CopyRules.PutOff(takeover).ChangeAttempts);
    }

    [Fact]
    public void A_change_refused_for_good_is_not_tried_again_but_a_new_edit_is()
    {
        var edit = NotificationEdit.Of("new", null, T0);
        var claimed = CopyRules.Claim(Delivered.Copy, T0, Lease, out _)!;
        var refused = CopyRules.Refused(claimed, new CopyChange.Update(edit), "403");

        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { Copy = refused }, Notification with { Edit = edit }));
        Assert.IsType<CopyChange.Update>(CopyRules.Needed(Delivered with { Copy = refused }, Notification with { Edit = NotificationEdit.Of("other", null, T0) }));
        Assert.IsType<CopyChange.None>(CopyRules.Needed(Delivered with { Copy = CopyRules.Refused(claimed, new CopyChange.Delete(), "403") }, Notification with { RecallRequested = true }));
    }

    [Fact]
    public void An_edit_is_validated_like_a_send_and_refused_after_a_recall()
    {
        Assert.Contains("nothing to send", EditRule.ContentProblem(new EditNotification { NotificationId = "n-1", Text = " " }), StringComparison.Ordinal);
        Assert.Equal("notificationId is required", EditRule.ContentProblem(new EditNotification { Text = "x" }));
        Assert.Null(EditRule.ContentProblem(new EditNotification { NotificationId = "n-1", Text = "x" }));
        Assert.Null(EditRule.Refusal(Notification));
        Assert.Contains("recalled", EditRule.Refusal(Notification with { RecallRequested = true }), StringComparison.Ordinal);
    }
}
