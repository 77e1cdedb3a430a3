using ProactiveSuite.Contracts.References;
using ProactiveSuite.Registry.References;

namespace ProactiveSuite.Tests.Registry;

/// <summary>How a capture becomes a stored reference; newest-wins itself runs in the store (ConversationReferenceStoreContract).</summary>
public class StoredReferenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 15, 2, 123, TimeSpan.Zero);

    [Fact]
    public void Captures_are_kept_to_the_millisecond_so_a_replay_of_a_finer_timestamp_compares_equal()
    {
        var fine = T0.AddTicks(4567);
        Assert.Equal(T0, StoredReference.From(Captured(fine)).LastActivityAt);
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
