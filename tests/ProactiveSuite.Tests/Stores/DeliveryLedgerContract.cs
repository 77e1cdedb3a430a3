using ProactiveSuite.Dispatcher.Ledger;
using ProactiveSuite.Dispatcher.Copies;
using ProactiveSuite.Dispatcher.Ledger.Stores;

namespace ProactiveSuite.Tests.Stores;

public sealed class DeliveryLedgerOnEmbeddedStore() : DeliveryLedgerContract(new EmbeddedStoreUnderTest());

public sealed class DeliveryLedgerOnMongoDb() : DeliveryLedgerContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="IDeliveryLedger"/> adapter must do: claims are atomic and settle once.</summary>
public abstract class DeliveryLedgerContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DeliveryKey Key = new("n-1", "emulator", "user-ada");

    private IDeliveryLedger Ledger { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Ledger = Store.Open<IDeliveryLedger, DeliveryLedger>();
    }

    [Fact]
    public async Task The_first_claim_creates_the_record_as_attempt_one()
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));

        var stored = await Ledger.FindAsync(Key, default);
        Assert.Equal((DeliveryState.Sending, 1, T0 + Lease), (stored!.State, stored.Attempts, stored.ClaimedUntil));
        Assert.Equal(granted.Record.Key, stored.Key);
    }

    [Fact]
    public async Task Of_many_racing_claims_exactly_one_is_granted()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Ledger.ClaimAsync(Key, T0, Lease, default))));

        Assert.Single(claims, c => c is DeliveryClaim.Granted);
        Assert.All(claims.Where(c => c is not DeliveryClaim.Granted), c => Assert.IsType<DeliveryClaim.HeldElsewhere>(c));
    }

    [Fact]
    public async Task An_expired_claim_is_taken_over_and_a_settled_record_is_never_claimed_again()
    {
        await Ledger.ClaimAsync(Key, T0, Lease, default);
        var takeover = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0 + Lease, Lease, default));
        Assert.Equal(2, takeover.Record.Attempts);

        await Ledger.SaveAsync(takeover.Record with { State = DeliveryState.Delivered, ActivityId = "act-1", ConversationId = "conv-1", ClaimedUntil = null }, default);

        var again = Assert.IsType<DeliveryClaim.AlreadySettled>(await Ledger.ClaimAsync(Key, T0.AddHours(1), Lease, default));
        Assert.Equal(("act-1", "conv-1", 2), (again.Record.ActivityId, again.Record.ConversationId, again.Record.Attempts));
    }

    [Fact]
    public async Task A_claim_taken_over_after_its_holder_died_mid_send_is_stored_as_a_send_unanswered_so_a_cancel_settles_it_unknown()
    {
        Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        Assert.False((await Ledger.FindAsync(Key, default))!.SendUnanswered);

        var takeover = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0 + Lease, Lease, default));

        var stored = await Ledger.FindAsync(Key, default);
        Assert.Equal((true, true, 2), (takeover.Record.SendUnanswered, stored!.SendUnanswered, stored.Attempts));
        await Ledger.SaveAsync(stored.Settle(stored.WhenCancelled, T0.AddMinutes(1)), default);
        var settled = Assert.IsType<DeliveryClaim.AlreadySettled>(await Ledger.ClaimAsync(Key, T0.AddMinutes(2), Lease, default));
        Assert.Equal(DeliveryState.Unknown, settled.Record.State);
    }

    [Fact]
    public async Task A_claim_never_taken_over_is_cancelled_and_a_send_unanswered_outlives_later_claims()
    {
        var first = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        await Ledger.SaveAsync(first.Record with { State = DeliveryState.Pending, ClaimedUntil = null }, default);
        var again = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0.AddSeconds(1), Lease, default));
        Assert.Equal((DeliveryState.Cancelled, DeliveryState.Cancelled), (first.Record.WhenCancelled, again.Record.WhenCancelled));

        var takenOver = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0.AddSeconds(1) + Lease, Lease, default));
        // Taken over, then put off (a 429, a pacing wait): the send that went unanswered is not forgotten.
        await Ledger.SaveAsync(takenOver.Record with { State = DeliveryState.Pending, ClaimedUntil = null }, default);
        var later = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0.AddMinutes(5), Lease, default));

        Assert.Equal((true, DeliveryState.Unknown, 4), (later.Record.SendUnanswered, later.Record.WhenCancelled, later.Record.Attempts));
    }

    [Fact]
    public async Task A_pending_record_is_claimed_again_right_away_and_keeps_what_the_last_attempt_learnt()
    {
        var first = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        await Ledger.SaveAsync(first.Record with { State = DeliveryState.Pending, ClaimedUntil = null, LastStatusCode = 429, LastError = "throttled" }, default);

        var second = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0.AddSeconds(1), Lease, default));

        Assert.Equal((2, 429, "throttled"), (second.Record.Attempts, second.Record.LastStatusCode, second.Record.LastError));
    }

    [Fact]
    public async Task A_settled_record_owes_its_report_until_it_is_marked_reported()
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        await Ledger.SaveAsync(granted.Record.Settle(DeliveryState.Delivered, T0.AddSeconds(1)) with { ActivityId = "act-1" }, default);

        var unreported = Assert.IsType<DeliveryClaim.AlreadySettled>(await Ledger.ClaimAsync(Key, T0.AddSeconds(2), Lease, default));
        Assert.True(unreported.Record.OwesReport);

        await Ledger.MarkReportedAsync(Key, default);

        var reported = Assert.IsType<DeliveryClaim.AlreadySettled>(await Ledger.ClaimAsync(Key, T0.AddSeconds(3), Lease, default));
        Assert.Equal((false, DeliveryState.Delivered, "act-1"), (reported.Record.OwesReport, reported.Record.State, reported.Record.ActivityId));
    }

    [Fact]
    public async Task A_notifications_settled_records_are_counted_by_state_and_failure_reason()
    {
        await SettleAsync(Key, DeliveryState.Delivered, null);
        await SettleAsync(Key with { UserId = "user-bob" }, DeliveryState.Delivered, null);
        await SettleAsync(Key with { UserId = "user-cyd" }, DeliveryState.Failed, "NoReference");
        await SettleAsync(Key with { UserId = "user-dan" }, DeliveryState.Failed, "NoReference");
        await SettleAsync(Key with { UserId = "user-eve" }, DeliveryState.Failed, "UserBlocked");
        await SettleAsync(Key with { UserId = "user-fay" }, DeliveryState.Cancelled, null);
        await SettleAsync(Key with { UserId = "user-hal" }, DeliveryState.Unknown, null);
        await Ledger.ClaimAsync(Key with { UserId = "user-gus" }, T0, Lease, default);
        await SettleAsync(Key with { NotificationId = "n-2" }, DeliveryState.Delivered, null);

        var counts = await Ledger.CountSettledAsync(Key.NotificationId, default);

        Assert.Equal((2, 3, 1, 1, 7), (counts.Delivered, counts.Failed, counts.Cancelled, counts.Unknown, counts.Settled));
        Assert.Equal(new Dictionary<string, int> { ["NoReference"] = 2, ["UserBlocked"] = 1 }, counts.FailedByReason);
        Assert.Equal(0, (await Ledger.CountSettledAsync("n-none", default)).Settled);
    }

    [Fact]
    public async Task Retry_waits_count_only_records_waiting_for_a_retry_with_the_earliest_attempt_and_the_latest_failure()
    {
        Assert.Null(await Ledger.FindRetryWaitsAsync(Key.NotificationId, default));
        await WaitForRetryAsync(Key, failedAt: T0.AddSeconds(1), retryAt: T0.AddSeconds(40), 503, "The connector answered 503");
        await WaitForRetryAsync(Key with { UserId = "user-bob" }, failedAt: T0.AddSeconds(2), retryAt: T0.AddSeconds(30), null, "The connector did not answer in time.");
        await WaitForRetryAsync(Key with { NotificationId = "n-2" }, failedAt: T0.AddSeconds(3), retryAt: T0.AddSeconds(5), 429, "throttled");
        var paced = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key with { UserId = "user-cyd" }, T0, Lease, default));
        await Ledger.SaveAsync(paced.Record with { State = DeliveryState.Pending, ClaimedUntil = null }, default);

        var waits = await Ledger.FindRetryWaitsAsync(Key.NotificationId, default);

        Assert.Equal(new RetryWaits(2, T0.AddSeconds(30), new RetryFailure("The connector did not answer in time.", null, T0.AddSeconds(2))), waits);

        // Attempted again: it no longer waits.
        await Ledger.ClaimAsync(Key with { UserId = "user-bob" }, T0.AddSeconds(30), Lease, default);
        Assert.Equal(new RetryWaits(1, T0.AddSeconds(40), new RetryFailure("The connector answered 503", 503, T0.AddSeconds(1))), await Ledger.FindRetryWaitsAsync(Key.NotificationId, default));
    }

    private async Task SettleAsync(DeliveryKey key, DeliveryState state, string? reason)
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(key, T0, Lease, default));
        await Ledger.SaveAsync(granted.Record.Settle(state, T0) with { FailureReasonCode = reason }, default);
    }

    private async Task WaitForRetryAsync(DeliveryKey key, DateTimeOffset failedAt, DateTimeOffset retryAt, int? status, string error)
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(key, T0, Lease, default));
        await Ledger.SaveAsync(granted.Record with { State = DeliveryState.Pending, ClaimedUntil = null, RetryAt = retryAt, LastStatusCode = status, LastError = error, UpdatedAt = failedAt }, default);
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_records_of_every_notification_and_only_theirs()
    {
        await Ledger.ClaimAsync(Key, T0, Lease, default);
        await Ledger.ClaimAsync(Key with { NotificationId = "n-2", ChannelId = "Emulator" }, T0, Lease, default);
        await Ledger.ClaimAsync(Key with { UserId = "user-bob" }, T0, Lease, default);

        Assert.Equal(2, await Ledger.EraseUserAsync("emulator", "user-ada", default));

        Assert.Null(await Ledger.FindAsync(Key, default));
        Assert.NotNull(await Ledger.FindAsync(Key with { UserId = "user-bob" }, default));
        Assert.Equal(0, await Ledger.EraseUserAsync("emulator", "user-ada", default));
    }

    [Fact]
    public async Task Deliveries_of_one_notification_to_different_recipients_are_separate()
    {
        Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key with { UserId = "user-bob" }, T0, Lease, default));
        Assert.Null(await Ledger.FindAsync(Key with { NotificationId = "n-2" }, default));
    }

    // Every state a delivery can end in: once saved, no claim (a replayed command, a restarted Dispatcher) gets it again.
    [Theory]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Failed)]
    [InlineData(DeliveryState.Cancelled)]
    [InlineData(DeliveryState.Unknown)]
    public async Task A_settled_delivery_is_never_claimed_again_and_replays_change_nothing(DeliveryState state)
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        var settled = granted.Record with { State = state, ClaimedUntil = null, ActivityId = "act-1", ConversationId = "conv-1", LastStatusCode = 403, FailureReasonCode = "Forbidden", UpdatedAt = T0.AddSeconds(1) };
        await Ledger.SaveAsync(settled, default);

        foreach (var replayAt in new[] { T0.AddSeconds(2), T0 + Lease, T0.AddDays(1) })
        {
            var replay = Assert.IsType<DeliveryClaim.AlreadySettled>(await Ledger.ClaimAsync(Key, replayAt, Lease, default));
            Assert.Equal(settled, replay.Record);
        }

        Assert.Equal(settled, await Ledger.FindAsync(Key, default));
    }

    [Fact]
    public async Task A_live_claim_is_held_elsewhere_until_it_runs_out_and_the_refusal_changes_nothing()
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));

        var held = Assert.IsType<DeliveryClaim.HeldElsewhere>(await Ledger.ClaimAsync(Key, T0 + Lease - TimeSpan.FromSeconds(1), Lease, default));

        Assert.Equal(T0 + Lease, held.Until);
        Assert.Equal(granted.Record, await Ledger.FindAsync(Key, default));
    }

    [Fact]
    public async Task A_saved_record_reads_back_as_it_was_saved_and_is_listed_with_its_notification()
    {
        var granted = Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(Key, T0, Lease, default));
        var saved = granted.Record with { State = DeliveryState.Failed, ClaimedUntil = null, LastStatusCode = 404, LastError = "gone", FailureReasonCode = "ConversationNotFound", UpdatedAt = T0.AddSeconds(3) };
        await Ledger.SaveAsync(saved, default);
        await Ledger.ClaimAsync(Key with { UserId = "user-bob" }, T0, Lease, default);
        await Ledger.ClaimAsync(Key with { NotificationId = "n-2" }, T0, Lease, default);

        Assert.Equal(saved, await Ledger.FindAsync(Key, default));
        Assert.Equal(["user-ada", "user-bob"], (await Ledger.ListAsync("n-1", null, 10, default)).Select(r => r.Key.UserId));
        Assert.Equal(["user-bob"], (await Ledger.ListAsync("n-1", Key.Value, 10, default)).Select(r => r.Key.UserId));
    }

    [Fact]
    public async Task A_copy_is_saved_only_over_the_version_it_was_made_from_and_nothing_else_of_the_record_changes()
    {
        var delivered = await DeliveredAsync(Key, "conv-1", "100");
        var claimed = CopyRules.Claim(delivered.Copy, T0, Lease, out _)!;

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Ledger.TrySaveCopyAsync(Key, delivered.Copy, claimed, default))));
        var stale = await Ledger.TrySaveCopyAsync(Key, delivered.Copy, claimed with { LastChangeError = "stale" }, default);
        var fromNone = await Ledger.TrySaveCopyAsync(new DeliveryKey("n-1", "emulator", "user-nobody"), null, claimed, default);

        Assert.Single(saves, saved => saved);
        Assert.False(stale);
        Assert.False(fromNone);
        var stored = (await Ledger.FindAsync(Key, default))!;
        Assert.Equal(claimed, stored.Copy);
        Assert.Equal(delivered with { Copy = claimed }, stored);
    }

    [Fact]
    public async Task A_record_without_a_copy_takes_its_first_from_none()
    {
        var key = new DeliveryKey("n-old", "emulator", "user-old");
        var copy = new DeliveredCopy(1, null, null, null, null, ReadAt: T0);

        Assert.False(await Ledger.TrySaveCopyAsync(key, null, copy, default));
        await Ledger.SaveAsync(DeliveryRecord.New(key, T0) with { State = DeliveryState.Delivered, ConversationId = "c", ActivityId = "1" }, default);
        Assert.True(await Ledger.TrySaveCopyAsync(key, null, copy, default));
        Assert.Equal(T0, (await Ledger.FindAsync(key, default))!.Copy!.ReadAt);
    }

    [Fact]
    public async Task The_unread_delivered_records_of_a_conversation_are_listed_and_counted_by_what_became_of_them()
    {
        var read = await DeliveredAsync(new DeliveryKey("n-2", "emulator", "user-ada"), "conv-ada", "1");
        var unread = await DeliveredAsync(new DeliveryKey("n-3", "emulator", "user-ada"), "conv-ada", "2");
        await DeliveredAsync(new DeliveryKey("n-2", "emulator", "user-bob"), "conv-bob", "3");
        // Delivered before copies were kept: unread, and counted as nothing.
        var old = new DeliveryKey("n-2", "emulator", "user-old");
        await Ledger.SaveAsync(DeliveryRecord.New(old, T0) with { State = DeliveryState.Delivered, ConversationId = "conv-ada", ActivityId = "0" }, default);
        var pending = new DeliveryKey("n-4", "emulator", "user-ada");
        await Ledger.SaveAsync(DeliveryRecord.New(pending, T0) with { ConversationId = "conv-ada" }, default);
        Assert.True(await Ledger.TrySaveCopyAsync(read.Key, read.Copy, read.Copy! with { Version = 1, ReadAt = T0, RecalledAt = T0, EditedAt = T0 }, default));

        var listed = await Ledger.ListUnreadInConversationAsync("emulator", "conv-ada", default);

        Assert.Equal([old, unread.Key], listed.Select(r => r.Key).OrderBy(k => k.NotificationId).ThenBy(k => k.UserId));
        Assert.Empty(await Ledger.ListUnreadInConversationAsync("msteams", "conv-ada", default));
        Assert.Equal(new CopyCounts(1, 1, 1), await Ledger.CountCopiesAsync("n-2", default));
        Assert.Equal(new CopyCounts(0, 0, 0), await Ledger.CountCopiesAsync("n-3", default));
    }

    [Fact]
    public async Task A_conversations_record_is_its_own_beside_a_user_whose_id_is_the_conversations_and_outlives_that_users_erasure()
    {
        var conversation = new DeliveryKey("n-1", "Emulator", null, "19:chat@thread.v2");
        var lookalike = new DeliveryKey("n-1", "emulator", "19:chat@thread.v2");

        Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(conversation, T0, Lease, default));
        Assert.IsType<DeliveryClaim.Granted>(await Ledger.ClaimAsync(lookalike, T0, Lease, default));
        Assert.Equal(1, await Ledger.EraseUserAsync("emulator", "19:chat@thread.v2", default));

        var stored = await Ledger.FindAsync(conversation, default);
        Assert.Equal(conversation with { ChannelId = "emulator" }, stored?.Key);
        Assert.Equal([conversation with { ChannelId = "emulator" }], (await Ledger.ListAsync("n-1", null, 10, default)).Select(r => r.Key));
    }

    private async Task<DeliveryRecord> DeliveredAsync(DeliveryKey key, string conversationId, string activityId)
    {
        var record = DeliveryRecord.New(key, T0).Settle(DeliveryState.Delivered, T0) with
        {
            Attempts = 1, ConversationId = conversationId, ActivityId = activityId, Copy = CopyRules.Delivered("https://connector.example/", null, "bot", null),
        };
        await Ledger.SaveAsync(record, default);
        return record;
    }
}
