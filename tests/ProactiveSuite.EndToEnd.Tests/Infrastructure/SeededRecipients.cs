using System.Globalization;
using MassTransit;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Many users who have written to the bot, captured the way the Gateway captures them (a
/// ReferenceCaptured each), without driving thousands of chats through the channel first.
/// </summary>
public static class SeededRecipients
{
    public static IReadOnlyList<string> Users(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D5}")).ToList();

    public static async Task CaptureAsync(IBus bus, Uri serviceUrl, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(users.Select(user => bus.Publish(
            new ReferenceCaptured(
                new ConversationAddress(
                    "emulator",
                    serviceUrl.ToString(),
                    new ConversationInfo("emu-" + user, null, null, false),
                    new ParticipantInfo(user, null, null),
                    new ParticipantInfo("bot-proactive", "ProactiveBot", null),
                    "en-US"),
                "seed-" + user,
                "message",
                now),
            cancellationToken)));
    }
}
