using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.State;
using ProactiveSuite.Conversations.State.Storage;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;

namespace ProactiveSuite.Tests.Stores;

public sealed class BotStorageOnEmbeddedStore() : BotStorageContract(new EmbeddedStoreUnderTest());

public sealed class BotStorageOnMongoDb() : BotStorageContract(new MongoStoreUnderTest());

/// <summary>
/// What every <see cref="IStorage"/> adapter must do: the SDK's storage contract, with real eTag optimistic
/// concurrency, and the conversation state's read-modify-write over it. Each adapter runs this same suite.
/// </summary>
public abstract class BotStorageContract(StoreUnderTest store) : StoreContract(store)
{
    protected IStorage Storage { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Storage = Store.Open<IStorage, BotStorage>();
    }

    [Fact]
    public async Task A_missing_key_reads_as_nothing() =>
        Assert.Empty(await Storage.ReadAsync(["nobody/conversations/none"], default));

    [Fact]
    public async Task A_written_item_reads_back_with_a_new_etag()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note { Text = "hello", ETag = StoreItemETags.Any } }, default);

        var item = await ReadNoteAsync("k");

        Assert.Equal("hello", item.Text);
        Assert.False(string.IsNullOrEmpty(item.ETag));
        Assert.NotEqual(StoreItemETags.Any, item.ETag);
        Assert.NotEqual(StoreItemETags.NotYetStored, item.ETag);
    }

    [Fact]
    public async Task A_write_with_the_current_etag_replaces_the_item_and_changes_the_etag()
    {
        await WriteAsync("k", new Note { Text = "first" });
        var read = await ReadNoteAsync("k");

        await WriteAsync("k", new Note { Text = "second", ETag = read.ETag });

        var after = await ReadNoteAsync("k");
        Assert.Equal("second", after.Text);
        Assert.NotEqual(read.ETag, after.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        await WriteAsync("k", new Note { Text = "first" });
        var stale = await ReadNoteAsync("k");
        await WriteAsync("k", new Note { Text = "second", ETag = stale.ETag });

        var conflict = await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new Note { Text = "lost update", ETag = stale.ETag }));

        Assert.Equal("k", conflict.Key);
        Assert.Equal("second", (await ReadNoteAsync("k")).Text);
    }

    [Fact]
    public async Task A_write_with_an_etag_for_a_missing_item_is_refused()
    {
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("gone", new Note { Text = "x", ETag = "an-etag-from-a-deleted-item" }));

        Assert.Empty(await Storage.ReadAsync(["gone"], default));
    }

    [Fact]
    public async Task The_wildcard_and_no_etag_overwrite_whatever_is_stored()
    {
        await WriteAsync("k", new Note { Text = "first" });

        await WriteAsync("k", new Note { Text = "second", ETag = StoreItemETags.Any });
        Assert.Equal("second", (await ReadNoteAsync("k")).Text);

        await WriteAsync("k", new Note { Text = "third", ETag = null });
        Assert.Equal("third", (await ReadNoteAsync("k")).Text);
    }

    [Fact]
    public async Task A_create_only_write_succeeds_once()
    {
        await WriteAsync("k", new Note { Text = "first", ETag = StoreItemETags.NotYetStored });

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new Note { Text = "second", ETag = StoreItemETags.NotYetStored }));

        Assert.Equal("first", (await ReadNoteAsync("k")).Text);
    }

    [Fact]
    public async Task A_deleted_item_can_be_created_again_and_its_old_etag_is_refused()
    {
        await WriteAsync("k", new Note { Text = "first", ETag = StoreItemETags.NotYetStored });
        var old = await ReadNoteAsync("k");

        await Storage.DeleteAsync(["k", "never-stored"], default);
        Assert.Empty(await Storage.ReadAsync(["k"], default));
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new Note { Text = "stale", ETag = old.ETag }));

        await WriteAsync("k", new Note { Text = "again", ETag = StoreItemETags.NotYetStored });
        var again = await ReadNoteAsync("k");
        Assert.Equal("again", again.Text);
        Assert.NotEqual(old.ETag, again.ETag);
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new Note { Text = "stale", ETag = old.ETag }));
        Assert.Equal("again", (await ReadNoteAsync("k")).Text);
    }

    [Fact]
    public async Task Several_items_are_read_and_written_at_once_and_deleted()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "A" }, ["b"] = new Note { Text = "B" } }, default);

        var both = await Storage.ReadAsync(["a", "b", "c"], default);
        Assert.Equal(["a", "b"], both.Keys.Order());

        await Storage.DeleteAsync(["a", "c"], default);
        Assert.Equal(["b"], (await Storage.ReadAsync(["a", "b"], default)).Keys);
    }

    [Fact]
    public async Task Keys_are_exact()
    {
        await WriteAsync("emulator/conversations/Conv-1/flows", new Note { Text = "upper" });
        await WriteAsync("emulator/conversations/conv-1/flows", new Note { Text = "lower" });

        Assert.Equal("upper", (await ReadNoteAsync("emulator/conversations/Conv-1/flows")).Text);
        Assert.Equal("lower", (await ReadNoteAsync("emulator/conversations/conv-1/flows")).Text);
    }

    [Fact]
    public async Task Racing_creators_of_the_same_item_cannot_both_win()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await WriteAsync("k", new Note { Text = $"creator {i}", ETag = StoreItemETags.NotYetStored });
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Racing_read_modify_writes_of_the_conversation_state_lose_no_change()
    {
        var states = new ConversationStateStore(Storage, TimeProvider.System, NullLogger<ConversationStateStore>.Instance);
        var key = new ConversationKey("emulator", "emu-race");
        const int writers = 12;

        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) =>
            await states.UpdateAsync(key, s => new StateChange<bool>(s.Push(new FlowFrame($"f{i}", "test", "{}")), true), ct));

        var frames = (await states.ReadAsync(key, default)).Frames;
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"f{i}").Order(), frames.Select(f => f.Id).Order());
    }

    [Fact]
    public async Task A_writer_that_lost_the_race_decides_again_on_what_the_winner_saved()
    {
        var states = new ConversationStateStore(Storage, TimeProvider.System, NullLogger<ConversationStateStore>.Instance);
        var key = new ConversationKey("emulator", "emu-conflict");
        var seen = new List<int>();

        await states.UpdateAsync(key, s =>
        {
            seen.Add(s.Frames.Count);
            if (seen.Count == 1)
            {
                // Another writer (the user's turn, say) saves between this writer's read and its write.
                states.UpdateAsync(key, other => new StateChange<bool>(other.Push(new FlowFrame("user-turn", "test", "{}")), true), default).GetAwaiter().GetResult();
            }

            return new StateChange<bool>(s.Push(new FlowFrame("survey", "test", "{}")), true);
        }, default);

        Assert.Equal([0, 1], seen);
        Assert.Equal(["user-turn", "survey"], (await states.ReadAsync(key, default)).Frames.Select(f => f.Id));
    }

    [Fact]
    public async Task Erasing_a_participant_deletes_the_states_of_their_conversations_and_only_those()
    {
        var states = new ConversationStateStore(Storage, TimeProvider.System, NullLogger<ConversationStateStore>.Instance);
        var conversations = Assert.IsAssignableFrom<IConversationStorage>(Storage);
        var push = (ConversationKey key) => states.UpdateAsync(key, s => new StateChange<bool>(s.Push(new FlowFrame(Guid.NewGuid().ToString("N"), "test", "{}")), true), default);
        await push(new ConversationKey("Emulator", "emu-ada", "user-ada"));
        await push(new ConversationKey("emulator", "group", "user-bob"));
        await push(new ConversationKey("emulator", "group", "user-ada"));
        await push(new ConversationKey("emulator", "emu-bob", "user-bob"));
        await push(new ConversationKey("emulator", "emu-ada2", "USER-ADA"));

        Assert.Equal(["emulator|user-ada", "emulator|user-bob"], await states.ParticipantsAsync(new ConversationKey("emulator", "group"), default));
        Assert.Equal(2, await conversations.DeleteByParticipantAsync(UserKey.From("emulator", "user-ada").Value, default));
        Assert.Equal(0, await conversations.DeleteByParticipantAsync(UserKey.From("emulator", "user-ada").Value, default));

        Assert.Empty((await states.ReadAsync(new ConversationKey("emulator", "emu-ada"), default)).Frames);
        Assert.Empty((await states.ReadAsync(new ConversationKey("emulator", "group"), default)).Frames);
        Assert.Single((await states.ReadAsync(new ConversationKey("emulator", "emu-bob"), default)).Frames);
        Assert.Single((await states.ReadAsync(new ConversationKey("emulator", "emu-ada2"), default)).Frames);
    }

    [Fact]
    public async Task A_decisions_events_wait_in_the_outbox_with_the_state_until_removed_and_only_waiting_outboxes_are_found()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var states = new ConversationStateStore(Storage, clock, NullLogger<ConversationStateStore>.Instance);
        var conversations = Assert.IsAssignableFrom<IConversationStorage>(Storage);
        var answered = new ConversationKey("emulator", "emu-outbox", "ada");
        var quiet = new ConversationKey("emulator", "emu-quiet", "bob");
        var @event = new SurveyAnswered("lunch", new Recipient("emulator", "ada"), "emu-outbox", "meal", "OK", clock.GetUtcNow());

        await states.UpdateAsync(answered, s => new StateChange<bool>(s.Push(new FlowFrame("a", "test", "{}")), true) { Events = [@event] }, default);
        await states.UpdateAsync(quiet, s => new StateChange<bool>(s.Push(new FlowFrame("b", "test", "{}")), true), default);
        clock.Advance(TimeSpan.FromMinutes(1));
        // A later decision keeps what still waits: saved events leave the outbox only when removed.
        await states.UpdateAsync(answered, s => new StateChange<bool>(s.Push(new FlowFrame("c", "test", "{}")), true), default);

        var pending = Assert.Single(await states.PendingAsync(answered.StorageKey, default));
        Assert.Equal((@event, typeof(SurveyAnswered)), pending.Read());
        Assert.Empty(await conversations.FindWaitingOutboxesAsync(clock.GetUtcNow() - TimeSpan.FromMinutes(2), 10, default));
        Assert.Equal([answered.StorageKey], await conversations.FindWaitingOutboxesAsync(clock.GetUtcNow(), 10, default));

        await states.RemovePendingAsync(answered.StorageKey, [pending.Id], default);
        Assert.Empty(await states.PendingAsync(answered.StorageKey, default));
        Assert.Empty(await conversations.FindWaitingOutboxesAsync(clock.GetUtcNow() + TimeSpan.FromDays(1), 10, default));
        Assert.Equal(["a", "c"], (await states.ReadAsync(answered, default)).Frames.Select(f => f.Id));
    }

    [Fact]
    public async Task The_conversation_state_round_trips_every_part_of_the_stack()
    {
        var states = new ConversationStateStore(Storage, TimeProvider.System, NullLogger<ConversationStateStore>.Instance);
        var key = new ConversationKey("Emulator", "emu-round-trip");
        var expiresAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.FromHours(1));
        var state = ConversationFlowState.Empty
            .Push(new FlowFrame("ended", "x", "{}")).EndTop()
            .Push(new FlowFrame("introduction", "introduction", "{\"step\":\"city\",\"userName\":\"Ada\"}"))
            .Push(new FlowFrame("survey:lunch", "survey", "{\"surveyId\":\"lunch\"}", expiresAt)) with { LastActivityId = "activity-7" };

        await states.UpdateAsync(key, _ => new StateChange<bool>(state, true), default);
        var read = await states.ReadAsync(key, default);

        Assert.Equal(state.Frames, read.Frames);
        Assert.Equal(expiresAt, read.Frames[^1].ExpiresAt);
        Assert.Equal(["ended"], read.Ended);
        Assert.Equal("activity-7", read.LastActivityId);
        Assert.Equal(state, await new ConversationStateStore(Storage, TimeProvider.System, NullLogger<ConversationStateStore>.Instance).ReadAsync(new ConversationKey("emulator", "emu-round-trip"), default), StateComparer.Instance);
    }

    [Fact]
    public async Task The_SDKs_conversation_state_keeps_its_properties_here_and_is_checked_against_concurrent_writes()
    {
        var conversationState = new ConversationState(Storage);
        var counter = conversationState.CreateProperty<int>("counter");
        var turn = Turn("emu-botstate");

        await conversationState.LoadAsync(turn, force: true);
        await counter.SetAsync(turn, 41);
        await conversationState.SaveChangesAsync(turn);

        var later = Turn("emu-botstate");
        await conversationState.LoadAsync(later, force: true);
        Assert.Equal(41, await counter.GetAsync(later, () => 0));

        // A concurrent turn saves first: this turn's save is refused instead of erasing it.
        var concurrent = Turn("emu-botstate");
        await conversationState.LoadAsync(concurrent, force: true);
        await counter.SetAsync(concurrent, 42);
        await conversationState.SaveChangesAsync(concurrent);
        await counter.SetAsync(later, 100);
        await Assert.ThrowsAsync<ETagConflictException>(() => conversationState.SaveChangesAsync(later));

        var fresh = Turn("emu-botstate");
        await conversationState.LoadAsync(fresh, force: true);
        Assert.Equal(42, await counter.GetAsync(fresh, () => 0));
    }

    private Task WriteAsync(string key, Note note) => Storage.WriteAsync(new Dictionary<string, object> { [key] = note }, default);

    private async Task<Note> ReadNoteAsync(string key) =>
        Assert.IsType<JObject>((await Storage.ReadAsync([key], default))[key]).ToObject<Note>()!;

    private static TurnContext Turn(string conversationId) => new(
        new TestAdapter(),
        new Activity(ActivityTypes.Message, channelId: "emulator", conversation: new ConversationAccount(id: conversationId), from: new ChannelAccount("user-ada"), recipient: new ChannelAccount("bot")));

    internal sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }

    private sealed class StateComparer : IEqualityComparer<ConversationFlowState>
    {
        public static readonly StateComparer Instance = new();

        public bool Equals(ConversationFlowState? x, ConversationFlowState? y) =>
            x!.Frames.SequenceEqual(y!.Frames) && x.Ended.SequenceEqual(y.Ended) && x.LastActivityId == y.LastActivityId;

        public int GetHashCode(ConversationFlowState obj) => obj.Frames.Count;
    }
}
