using System.Collections.Concurrent;
using System.Globalization;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Message ids as Teams gives them: numeric (milliseconds since the epoch) and increasing within a conversation,
/// so that a read receipt's <c>lastReadMessageId</c> compares with them. Thread-safe; one per emulator.
/// </summary>
public sealed class ConversationMessageIds
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    internal ConversationMessageIds(TimeProvider clock) => _clock = clock;

    /// <summary>The next id in <paramref name="conversationId"/>: now in milliseconds, or one more than the last when that is later.</summary>
    public string Next(string conversationId)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = _last.AddOrUpdate(conversationId, now, (_, last) => Math.Max(last + 1, now));
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
