using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// Broadcasts on the embedded default, as the README shows them: users write through the emulator, an
/// operator broadcasts with <c>POST /broadcasts</c>, follows <c>GET /notifications/{id}</c>, exports the
/// recipients and cancels. One process, in-memory bus, a SQLite file per service.
/// </summary>
public sealed class BroadcastsOnEmbeddedDefaultTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    [Fact]
    public async Task A_broadcast_to_a_list_reaches_everyone_reachable_reports_the_rest_and_exports_every_recipient()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = await UsersWhoWroteAsync("list", 12);
        var id = "b-" + Guid.NewGuid().ToString("N");
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var recipients = users.Append(nobody).Select(u => new { channelId = "emulator", userId = u }).ToArray();

        var accepted = await host.Http.PostAsJsonAsync("/broadcasts", new { notificationId = id, audience = new { recipients }, text = "To the list" }, ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await FinishedAsync(id);
        Assert.Equal((13, 0, 12, 0), (Count(status, "total"), Count(status, "pending"), Count(status, "delivered"), Count(status, "cancelled")));
        Assert.Equal(1, status["failedByReason"]!["NoReference"]!.GetValue<int>());
        foreach (var user in users)
        {
            Assert.Single(await TranscriptAsync(user), a => a?["text"]?.GetValue<string>() == "To the list");
        }

        var csv = (await host.Http.GetStringAsync($"/notifications/{id}/recipients.csv", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(14, csv.Length);
        Assert.Single(csv, l => l.Contains(nobody, StringComparison.Ordinal) && l.Contains("NoReference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broadcast_to_a_channel_reaches_every_reference_stored_in_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = await UsersWhoWroteAsync("channel", 8);
        var stored = await StoredInChannelAsync();
        var id = "b-" + Guid.NewGuid().ToString("N");

        var accepted = await host.Http.PostAsJsonAsync("/broadcasts", new { notificationId = id, audience = new { channelId = "emulator" }, text = "To the channel " + id }, ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await FinishedAsync(id);
        Assert.Equal((stored, stored), (Count(status, "total"), Count(status, "delivered")));
        foreach (var user in users)
        {
            Assert.Single(await TranscriptAsync(user), a => a?["text"]?.GetValue<string>() == "To the channel " + id);
        }
    }

    [Fact]
    public async Task A_cancelled_broadcast_stops_and_its_status_says_how_many_were_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = await UsersWhoWroteAsync("cancel", 150);
        var id = "b-" + Guid.NewGuid().ToString("N");
        // Paced to Teams' 50 per second for the tenant, 150 sends take three seconds: time to cancel.
        var accepted = await host.Http.PostAsJsonAsync("/broadcasts", new { notificationId = id, audience = new { recipients = users.Select(u => new { channelId = "emulator", userId = u }) }, text = "To be cancelled" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "delivered") > 0 ? s : null, "the first deliveries", host.Logs);

        var cancel = await host.Http.PostAsync($"/notifications/{id}/cancel", null, ct);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var status = await FinishedAsync(id);
        Assert.True(Count(status, "cancelled") > 0, $"nothing was cancelled: {status}");
        Assert.Equal(150, Count(status, "delivered") + Count(status, "cancelled") + Count(status, "failed"));
        var received = 0;
        foreach (var user in users)
        {
            received += (await TranscriptAsync(user)).Count(a => a?["text"]?.GetValue<string>() == "To be cancelled");
        }

        Assert.Equal(Count(status, "delivered"), received);
    }

    private async Task<IReadOnlyList<string>> UsersWhoWroteAsync(string purpose, int count)
    {
        var prefix = $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";
        var users = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D3}").ToList();
        foreach (var user in users)
        {
            var said = await host.Http.PostAsJsonAsync($"/emulator/users/{user}/messages", new { text = "hello" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        }

        await Eventually.Until(
            async () =>
            {
                foreach (var user in users)
                {
                    if (!(await host.Http.GetAsync($"/references/emulator/{user}", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                    {
                        return null;
                    }
                }

                return users;
            },
            $"the references of {count} users",
            host.Logs);
        return users;
    }

    private async Task<int> StoredInChannelAsync()
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = (await host.Http.GetFromJsonAsync<JsonObject>($"/references?channelId=emulator&limit=500{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}", TestContext.Current.CancellationToken))!;
            count += page["items"]!.AsArray().Count;
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return count;
    }

    private async Task<JsonObject?> StatusAsync(string id)
    {
        var response = await host.Http.GetAsync($"/notifications/{id}", TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private Task<JsonObject> FinishedAsync(string id) =>
        Eventually.Until(async () => await StatusAsync(id) is { } status && status["finishedAt"] is not null ? status : null, $"broadcast {id} finished", host.Logs);

    private async Task<JsonArray> TranscriptAsync(string user) =>
        JsonNode.Parse(await host.Http.GetStringAsync($"/emulator/conversations/emu-{user}/activities", TestContext.Current.CancellationToken))!.AsArray();

    private static int Count(JsonObject status, string name) => status[name]!.GetValue<int>();
}
