using System.Text.Json.Nodes;

namespace ProactiveSuite.ChannelEmulator;

/// <summary>
/// Statistics as <c>GET /emulator/stats</c> shows them: <c>{"total": counts, "conversations": {"id": counts}}</c>,
/// counts being <c>{"creates", "sends", "replies", "updates", "deletes", "accepted", "throttled", "faulted"}</c>.
/// </summary>
internal static class StatisticsJson
{
    public static JsonObject Write(ChannelStatisticsSnapshot snapshot, bool withConversations)
    {
        var json = new JsonObject { ["total"] = Write(snapshot.Total) };
        if (withConversations)
        {
            var conversations = new JsonObject();
            foreach (var (id, counts) in snapshot.ByConversation.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                conversations[id] = Write(counts);
            }
            json["conversations"] = conversations;
        }
        return json;
    }

    private static JsonObject Write(ConnectorCallCounts counts) => new()
    {
        ["creates"] = counts.Creates,
        ["sends"] = counts.Sends,
        ["replies"] = counts.Replies,
        ["updates"] = counts.Updates,
        ["deletes"] = counts.Deletes,
        ["accepted"] = counts.Accepted,
        ["throttled"] = counts.Throttled,
        ["faulted"] = counts.Faulted,
    };
}
