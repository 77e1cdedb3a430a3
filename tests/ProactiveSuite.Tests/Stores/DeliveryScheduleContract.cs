using ProactiveSuite.Dispatcher.Scheduling;
using ProactiveSuite.Dispatcher.Scheduling.Stores;
using ProactiveSuite.ServiceDefaults.Privacy;

namespace ProactiveSuite.Tests.Stores;

public sealed class DeliveryScheduleOnEmbeddedStore() : DeliveryScheduleContract(new EmbeddedStoreUnderTest());

public sealed class DeliveryScheduleOnMongoDb() : DeliveryScheduleContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="IDeliverySchedule"/> adapter must do: hand items over when due, each to one claimer.</summary>
public abstract class DeliveryScheduleContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private IDeliverySchedule Schedule { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Schedule = Open();
    }

    private IDeliverySchedule Open() => Store.Open<IDeliverySchedule, DeliverySchedule>();

    [Fact]
    public async Task Items_are_handed_over_when_due_earliest_first()
    {
        await Schedule.AddAsync(Item("late", T0.AddSeconds(20)), default);
        await Schedule.AddAsync(Item("early", T0.AddSeconds(10)), default);
        await Schedule.AddAsync(Item("later", T0.AddSeconds(30)), default);

        Assert.Empty(await Schedule.ClaimDueAsync(T0, 10, Lease, default));
        Assert.Equal(["early", "late"], (await Schedule.ClaimDueAsync(T0.AddSeconds(25), 10, Lease, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task A_claimed_item_is_not_handed_over_again_until_its_claim_runs_out()
    {
        await Schedule.AddAsync(Item("a", T0), default);
        Assert.Single(await Schedule.ClaimDueAsync(T0, 10, Lease, default));

        Assert.Empty(await Schedule.ClaimDueAsync(T0.AddSeconds(30), 10, Lease, default));
        Assert.Single(await Schedule.ClaimDueAsync(T0 + Lease, 10, Lease, default));
    }

    [Fact]
    public async Task Erasing_a_recipient_removes_their_waiting_deliveries_and_only_theirs()
    {
        var ada = UserKey.From("Emulator", "user-ada").Value;
        await Schedule.AddAsync(Item("ada-1", T0) with { Recipient = ada }, default);
        await Schedule.AddAsync(Item("ada-2", T0.AddHours(1)) with { Recipient = ada }, default);
        await Schedule.AddAsync(Item("ADA", T0) with { Recipient = UserKey.From("emulator", "USER-ADA").Value }, default);
        await Schedule.AddAsync(Item("broadcast", T0), default);

        Assert.Equal(2, await Schedule.RemoveRecipientAsync(UserKey.From("emulator", "user-ada").Value, default));
        Assert.Equal(0, await Schedule.RemoveRecipientAsync(ada, default));

        var left = await Schedule.ClaimDueAsync(T0.AddDays(1), 10, Lease, default);
        Assert.Equal(["ADA", "broadcast"], left.Select(i => i.Id).Order());
        Assert.Equal("emulator|USER-ADA", left.Single(i => i.Id == "ADA").Recipient);
    }

    [Fact]
    public async Task A_removed_item_is_gone_and_the_rest_survive_reopening()
    {
        await Schedule.AddAsync(Item("a", T0), default);
        await Schedule.AddAsync(Item("b", T0), default);
        await Schedule.RemoveAsync("a", default);
        await Store.CloseAllAsync();

        var reopened = Open();
        Assert.Equal(1, await reopened.CountAsync(default));
        var item = Assert.Single(await reopened.ClaimDueAsync(T0, 10, Lease, default));
        Assert.Equal(("b", ScheduledKind.Delivery, "{\"notificationId\":\"b\"}", "throttled"), (item.Id, item.Kind, item.Payload, item.Reason));
    }

    [Fact]
    public async Task The_batch_size_is_respected()
    {
        for (var i = 0; i < 5; i++)
        {
            await Schedule.AddAsync(Item($"i{i}", T0), default);
        }

        Assert.Equal(3, (await Schedule.ClaimDueAsync(T0, 3, Lease, default)).Count);
        Assert.Equal(2, (await Schedule.ClaimDueAsync(T0, 3, Lease, default)).Count);
    }

    private static ScheduledDelivery Item(string id, DateTimeOffset due) => new(id, due, ScheduledKind.Delivery, $"{{\"notificationId\":\"{id}\"}}", "throttled");

    [Fact]
    public async Task An_item_due_exactly_now_is_handed_over_whole()
    {
        var item = Item("a", T0) with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Recipient = UserKey.From("emulator", "user-ada").Value };
        await Schedule.AddAsync(item, default);

        Assert.Equal([item], await Schedule.ClaimDueAsync(T0, 10, Lease, default));
    }

    [Fact]
    public async Task A_handed_over_item_that_is_removed_never_comes_back()
    {
        await Schedule.AddAsync(Item("a", T0), default);
        await Schedule.AddAsync(Item("b", T0), default);
        var claimed = await Schedule.ClaimDueAsync(T0, 10, Lease, default);

        await Schedule.RemoveAsync("a", default);

        Assert.Equal(2, claimed.Count);
        Assert.Equal(1, await Schedule.CountAsync(default));
        Assert.Equal(["b"], (await Schedule.ClaimDueAsync(T0 + Lease, 10, Lease, default)).Select(i => i.Id));
        Assert.DoesNotContain("a", (await Schedule.ClaimDueAsync(T0.AddDays(1), 10, Lease, default)).Select(i => i.Id));
    }

    [Fact]
    public async Task A_claim_survives_reopening_the_store()
    {
        await Schedule.AddAsync(Item("a", T0), default);
        Assert.Single(await Schedule.ClaimDueAsync(T0, 10, Lease, default));
        await Store.CloseAllAsync();

        var reopened = Open();
        Assert.Empty(await reopened.ClaimDueAsync(T0.AddSeconds(30), 10, Lease, default));
        Assert.Single(await reopened.ClaimDueAsync(T0 + Lease, 10, Lease, default));
    }

    [Fact]
    public async Task Racing_claimers_hand_each_due_item_over_once()
    {
        for (var i = 0; i < 12; i++)
        {
            await Schedule.AddAsync(Item($"i{i:00}", T0), default);
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Schedule.ClaimDueAsync(T0, 5, Lease, default))));

        var handedOver = batches.SelectMany(b => b.Select(i => i.Id)).ToList();
        Assert.Equal(handedOver.Distinct().Count(), handedOver.Count);
        Assert.Equal(12, handedOver.Count);
    }
}
