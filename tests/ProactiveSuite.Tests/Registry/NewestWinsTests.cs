using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Tests.Registry;

public class NewestWinsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 15, 2, 123, TimeSpan.Zero);

    [Fact]
    public void A_first_reference_is_stored() => Assert.True(NewestWins.Replaces(null, At(T0)));

    [Fact]
    public void A_newer_activity_replaces_the_stored_one() => Assert.True(NewestWins.Replaces(At(T0), At(T0.AddMilliseconds(1))));

    [Fact]
    public void An_older_activity_changes_nothing() => Assert.False(NewestWins.Replaces(At(T0), At(T0.AddSeconds(-1))));

    [Fact]
    public void A_replayed_activity_changes_nothing() => Assert.False(NewestWins.Replaces(At(T0), At(T0)));

    [Fact]
    public void Timestamps_in_other_offsets_compare_as_instants()
    {
        var sameInstantInParis = T0.ToOffset(TimeSpan.FromHours(1));
        Assert.False(NewestWins.Replaces(At(T0), At(sameInstantInParis)));
    }

    [Fact]
    public void Captures_are_kept_to_the_millisecond_so_a_replay_of_a_finer_timestamp_still_compares_equal()
    {
        var fine = T0.AddTicks(4567);
        var stored = StoredReference.From(Captured(fine));
        Assert.Equal(T0, stored.LastActivityAt);
        Assert.False(NewestWins.Replaces(stored, StoredReference.From(Captured(fine))));
    }

    internal static StoredReference At(DateTimeOffset timestamp, string conversationId = "conv-1") =>
        StoredReference.From(Captured(timestamp, conversationId));

    internal static ReferenceCaptured Captured(DateTimeOffset timestamp, string conversationId = "conv-1", string userId = "user-ada", string channelId = "emulator") =>
        new(
            new ConversationAddress(
                channelId,
                "http://localhost:5005",
                new ConversationInfo(conversationId, null, null, false),
                new ParticipantInfo(userId, "Ada", null),
                new ParticipantInfo("bot-proactive", "ProactiveBot", null),
                "en-US"),
            "activity-1",
            "message",
            timestamp);
}
