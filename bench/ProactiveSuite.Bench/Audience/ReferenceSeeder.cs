using System.Diagnostics;
using MassTransit;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Bench.Audience;

/// <summary>
/// Gives the Registry many users' references the way the Gateway does (a <see cref="ReferenceCaptured"/> each, on the
/// bus), without driving that many chats through the channel, and waits until the Registry answers for all of them.
/// </summary>
public static class ReferenceSeeder
{
    private const int Page = FindConversationReferences.MaxUsers;

    /// <returns>How long it took until every reference could be found.</returns>
    public static async Task<TimeSpan> SeedAsync(IBus bus, Uri serviceUrl, IReadOnlyList<BenchUser> users, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var capturedAt = DateTimeOffset.UtcNow;
        foreach (var page in users.Chunk(Page))
        {
            await Task.WhenAll(page.Select(user => bus.Publish(Captured(user, serviceUrl, capturedAt), cancellationToken)));
        }

        var registry = bus.CreateRequestClient<FindConversationReferences>(RequestTimeout.After(s: 60));
        var pages = users.Chunk(Page).ToList();
        var complete = 0;
        while (complete < pages.Count)
        {
            var response = await registry.GetResponse<ConversationReferencesFound>(
                new FindConversationReferences(pages[complete].Select(u => new FindConversationReference(BenchUser.ChannelId, u.UserId)).ToList()), cancellationToken);
            if (response.Message.Results.All(r => r.Address is not null))
            {
                complete++;
                continue;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The Registry stored only {complete * Page} of {users.Count} seeded references within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static ReferenceCaptured Captured(BenchUser user, Uri serviceUrl, DateTimeOffset capturedAt) => new(
        new ConversationAddress(
            BenchUser.ChannelId,
            serviceUrl.ToString(),
            new ConversationInfo(user.ConversationId, "personal", user.TenantId, IsGroup: false),
            new ParticipantInfo(user.UserId, null, null),
            new ParticipantInfo("bot-proactive", "ProactiveBot", null),
            "en-US"),
        "seed-" + user.UserId,
        "message",
        capturedAt);
}
