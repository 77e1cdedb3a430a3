using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.AfterDelivery;

/// <summary>
/// After delivery, over the channel emulator's real HTTP: users read (Teams' read receipt events through the
/// Gateway), an operator recalls a broadcast half way and edits a delivered notification, the channel throttles a
/// delete. Each stage (RabbitMQ, embedded default) runs every story; every test has its own users and ids.
/// </summary>
public abstract class AfterDeliveryScenarios(IAfterDeliveryStage stage)
{
    protected IAfterDeliveryStage Stage => stage;

    [Fact]
    public async Task Read_receipts_mark_each_recipient_read_once_and_only_up_to_the_last_message_read()
    {
        var (reader, early, silent) = ("r-" + NewTag(), "e-" + NewTag(), "s-" + NewTag());
        await UsersWhoWroteAsync([reader, early, silent]);
        var lastBeforeIt = await NewestMessageIdAsync(early);
        var id = await BroadcastAsync([reader, early, silent], "Please read me");
        await FinishedAsync(id);

        await ReadsAsync(reader);
        await ReadsAsync(reader);
        await ReadsAsync(early, lastBeforeIt);
        await ReadsAsync("nobody-" + NewTag(), "99999999999999");

        var status = await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "read") == 1 ? s : null, "one recipient read", stage.Logs);
        var recipients = await RecipientsAsync(id);
        Assert.NotNull(recipients[reader]["readAt"]);
        Assert.Null(recipients[early]["readAt"]);
        Assert.Null(recipients[silent]["readAt"]);
        var csv = (await stage.Http.GetStringAsync($"/notifications/{id}/recipients.csv", TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("readAt", csv[0].Split(','));
        Assert.NotEqual("", Column(csv, reader, "readAt"));
        Assert.Equal("", Column(csv, silent, "readAt"));
        if (stage.Reads is { } reads)
        {
            await Eventually.Within(c => reads.WaitForAsync(r => r.NotificationId == id, c), "NotificationRead", stage.Logs);
            Assert.Equal([reader], reads.All().Where(r => r.NotificationId == id).Select(r => r.Recipient.UserId));
        }

        Assert.Equal(1, Count(status, "read"));
    }

    [Fact]
    public async Task Recalling_a_broadcast_half_way_deletes_every_delivered_copy_and_cancels_the_rest()
    {
        var users = Enumerable.Range(0, 150).Select(i => $"rc-{NewTag()}-{i:D3}").ToList();
        await UsersWhoWroteAsync(users);
        // Paced to Teams' 50 per second for the tenant, 150 sends take three seconds: time to recall.
        var id = await BroadcastAsync(users, "Sent by mistake");
        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "delivered") > 0 ? s : null, "the first deliveries", stage.Logs);

        var recall = await stage.Http.PostAsync($"/notifications/{id}/recall", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, recall.StatusCode);
        JsonObject? last = null;
        var status = await Eventually.Until(
            async () => (last = await StatusAsync(id)) is { } s && s["finishedAt"] is not null && Count(s, "recalled") == Count(s, "delivered") ? s : null,
            "every delivered copy recalled",
            () => $"last status: {last?.ToJsonString()}");
        Assert.True(Count(status, "cancelled") > 0, $"nothing was cancelled: {status}");
        Assert.Equal(150, Count(status, "delivered") + Count(status, "cancelled"));
        var (sent, deleted) = (0, 0);
        foreach (var user in users)
        {
            var transcript = await TranscriptAsync(user);
            var copies = transcript.Where(a => (string?)a?["text"] == "Sent by mistake" && (string?)a?["operation"] == "sendToConversation").Select(a => (string)a!["id"]!).ToList();
            sent += copies.Count;
            deleted += transcript.Count(a => (string?)a?["operation"] == "deleteActivity" && copies.Contains((string)a!["id"]!));
        }

        Assert.Equal((Count(status, "delivered"), Count(status, "delivered")), (sent, deleted));
        Assert.True((bool)status["recallRequested"]!);
    }

    [Fact]
    public async Task An_edit_replaces_a_delivered_copy_and_a_recipient_not_yet_delivered_gets_the_new_content()
    {
        var (now, later) = ("now-" + NewTag(), "later-" + NewTag());
        await UsersWhoWroteAsync([now, later]);
        var delivered = await SendAsync(now, "Meeting at 10", notBefore: null);
        await Eventually.Until(async () => await StatusAsync(delivered) is { } s && Count(s, "delivered") == 1 ? s : null, "the delivery", stage.Logs);
        var waiting = await SendAsync(later, "Meeting at 10", notBefore: DateTimeOffset.UtcNow.AddSeconds(4));

        Assert.Equal(HttpStatusCode.Accepted, (await EditAsync(delivered, "Meeting at 11")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await EditAsync(delivered, "Meeting at 11")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await EditAsync(waiting, "Meeting at 11")).StatusCode);

        await Eventually.Until(async () => await StatusAsync(delivered) is { } s && Count(s, "edited") == 1 ? s : null, "the copy edited", stage.Logs);
        var transcript = await TranscriptAsync(now);
        var copy = Assert.Single(transcript, a => (string?)a?["operation"] == "sendToConversation" && (string?)a?["text"] == "Meeting at 10");
        var update = Assert.Single(transcript, a => (string?)a?["operation"] == "updateActivity");
        Assert.Equal(((string?)copy!["id"], "Meeting at 11"), ((string?)update!["id"], (string?)update["text"]));
        await Eventually.Until(async () => await StatusAsync(waiting) is { } s && Count(s, "delivered") == 1 ? s : null, "the later delivery", stage.Logs);
        Assert.Equal(["Meeting at 11"], (await TranscriptAsync(later)).Where(a => (string?)a?["direction"] == "toUser" && ((string?)a?["text"])?.StartsWith("Meeting", StringComparison.Ordinal) == true).Select(a => (string?)a!["text"]));
        Assert.Equal(0, Count((await StatusAsync(waiting))!, "edited"));
        Assert.NotNull((await RecipientsAsync(delivered))[now]["editedAt"]);
    }

    [Fact]
    public async Task Edits_are_validated_like_sends_unknown_notifications_are_404_and_a_recalled_one_cannot_be_edited()
    {
        var user = "v-" + NewTag();
        await UsersWhoWroteAsync([user]);
        var id = await SendAsync(user, "Draft", notBefore: null);
        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "delivered") == 1 ? s : null, "the delivery", stage.Logs);

        var empty = await EditAsync(id, "");
        var unknownEdit = await EditAsync("unknown-" + NewTag(), "x");
        var unknownRecall = await stage.Http.PostAsync($"/notifications/unknown-{NewTag()}/recall", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, (await stage.Http.PostAsync($"/notifications/{id}/recall", null, TestContext.Current.CancellationToken)).StatusCode);
        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "recalled") == 1 ? s : null, "the recall", stage.Logs);
        var afterRecall = await EditAsync(id, "Too late");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("nothing to send", await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknownEdit.StatusCode, unknownRecall.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, afterRecall.StatusCode);
        Assert.Contains("recalled", await afterRecall.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_delete_is_retried_after_its_retry_after_and_the_copy_is_recalled()
    {
        var user = "t-" + NewTag();
        await UsersWhoWroteAsync([user]);
        var id = await SendAsync(user, "Throttled recall", notBefore: null);
        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "delivered") == 1 ? s : null, "the delivery", stage.Logs);
        var rule = await stage.Http.PostAsJsonAsync("/emulator/faults", new { userId = user, operation = "delete", status = 429, retryAfterSeconds = 1, times = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await stage.Http.PostAsync($"/notifications/{id}/recall", null, TestContext.Current.CancellationToken)).StatusCode);

        await Eventually.Until(async () => await StatusAsync(id) is { } s && Count(s, "recalled") == 1 ? s : null, "the copy recalled", stage.Logs);
        var calls = (await stage.Http.GetFromJsonAsync<JsonObject>("/emulator/stats", TestContext.Current.CancellationToken))!["conversations"]!["emu-" + user]!;
        Assert.Equal((1, 1), ((int)calls["throttled"]!, (int)calls["deletes"]!));
        Assert.Single(await TranscriptAsync(user), a => (string?)a?["operation"] == "deleteActivity");
    }

    protected static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    protected async Task UsersWhoWroteAsync(IReadOnlyList<string> users)
    {
        foreach (var user in users)
        {
            var said = await stage.Http.PostAsJsonAsync($"/emulator/users/{user}/messages", new { text = "hello" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        }

        await Eventually.Until(
            async () =>
            {
                foreach (var user in users)
                {
                    if (!(await stage.Http.GetAsync($"/references/emulator/{user}", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                    {
                        return null;
                    }
                }

                return users;
            },
            $"the references of {users.Count} users",
            stage.Logs);
    }

    protected async Task<string> BroadcastAsync(IReadOnlyList<string> users, string text)
    {
        var id = "b-" + Guid.NewGuid().ToString("N");
        var accepted = await stage.Http.PostAsJsonAsync(
            "/broadcasts", new { notificationId = id, audience = new { recipients = users.Select(u => new { channelId = "emulator", userId = u }) }, text }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return id;
    }

    protected async Task<string> SendAsync(string user, string text, DateTimeOffset? notBefore)
    {
        var id = "n-" + Guid.NewGuid().ToString("N");
        var accepted = await stage.Http.PostAsJsonAsync(
            "/notifications", new { notificationId = id, recipient = new { channelId = "emulator", userId = user }, text, notBefore }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return id;
    }

    protected Task<HttpResponseMessage> EditAsync(string id, string text) =>
        stage.Http.PostAsJsonAsync($"/notifications/{id}/edit", new { text }, TestContext.Current.CancellationToken);

    protected async Task ReadsAsync(string user, string? lastReadMessageId = null)
    {
        var body = lastReadMessageId is null ? new JsonObject() : new JsonObject { ["lastReadMessageId"] = lastReadMessageId };
        var read = await stage.Http.PostAsJsonAsync($"/emulator/users/{user}/read", body, TestContext.Current.CancellationToken);
        Assert.True(read.StatusCode == HttpStatusCode.Accepted, $"read answered {(int)read.StatusCode}: {await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    protected async Task<string> NewestMessageIdAsync(string user) =>
        (string)(await TranscriptAsync(user)).Last(a => (string?)a?["type"] == "message")!["id"]!;

    protected async Task<JsonObject?> StatusAsync(string id)
    {
        var response = await stage.Http.GetAsync($"/notifications/{id}", TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    protected Task<JsonObject> FinishedAsync(string id) =>
        Eventually.Until(async () => await StatusAsync(id) is { } status && status["finishedAt"] is not null ? status : null, $"notification {id} finished", stage.Logs);

    protected async Task<Dictionary<string, JsonObject>> RecipientsAsync(string id)
    {
        var page = (await stage.Http.GetFromJsonAsync<JsonObject>($"/notifications/{id}/recipients?limit=1000", TestContext.Current.CancellationToken))!;
        return page["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["userId"]!);
    }

    protected async Task<JsonArray> TranscriptAsync(string user) =>
        JsonNode.Parse(await stage.Http.GetStringAsync($"/emulator/conversations/emu-{user}/activities", TestContext.Current.CancellationToken))!.AsArray();

    protected static int Count(JsonObject status, string name) => status[name]!.GetValue<int>();

    private static string Column(string[] csv, string user, string column)
    {
        var index = Array.IndexOf(csv[0].Trim().Split(','), column);
        return csv.Single(l => l.Contains(user, StringComparison.Ordinal)).Trim().Split(',')[index];
    }
}
