using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// Group conversations on the embedded default, over HTTP as an operator does it: a Teams channel message through
/// the emulator, <c>POST /notifications</c> to the channel, its status and CSV, and its member reached one-to-one.
/// </summary>
public sealed class GroupConversationsOnEmbeddedDefaultTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    [Fact]
    public async Task A_Teams_channel_is_posted_to_shows_in_the_status_by_its_id_and_its_member_is_reached_one_to_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Guid.NewGuid().ToString();
        var channel = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var member = "29:" + Guid.NewGuid().ToString("N");
        await MemberWritesInChannelAsync(member, channel, tenant);

        var id = "n-" + Guid.NewGuid().ToString("N");
        var sent = await host.Http.PostAsJsonAsync("/notifications", new { notificationId = id, recipient = new { channelId = "msteams", conversationId = channel }, text = "The build is green" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await Eventually.Until(
            async () => JsonNode.Parse(await host.Http.GetStringAsync($"/emulator/conversations/{Uri.EscapeDataString(channel)}/activities", ct))!.AsArray()
                .FirstOrDefault(a => a?["text"]?.GetValue<string>() == "The build is green"),
            "the post in the channel",
            host.Logs);
        var row = await Eventually.Until(
            async () => (await host.Http.GetStringAsync($"/notifications/{id}/recipients.csv", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault(l => l.Contains(",Delivered,", StringComparison.Ordinal)),
            "the delivered row",
            host.Logs);
        Assert.StartsWith("msteams,,Delivered,1,", row, StringComparison.Ordinal);
        Assert.Contains(channel, row, StringComparison.Ordinal);

        var direct = "n-" + Guid.NewGuid().ToString("N");
        var toMember = await host.Http.PostAsJsonAsync("/notifications", new { notificationId = direct, recipient = new { channelId = "msteams", userId = member }, text = "Your review is due", createConversationIfMissing = true }, ct);
        Assert.Equal(HttpStatusCode.Accepted, toMember.StatusCode);
        var reference = await Eventually.Until(
            async () =>
            {
                var response = await host.Http.GetAsync($"/references/msteams/{Uri.EscapeDataString(member)}", ct);
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(ct) : null;
            },
            "the member's new one-to-one reference",
            host.Logs);
        var conversation = reference["address"]!["conversation"]!;
        Assert.Equal(tenant, conversation["tenantId"]!.GetValue<string>());
        Assert.NotEqual(channel, conversation["id"]!.GetValue<string>());
        var transcript = JsonNode.Parse(await host.Http.GetStringAsync($"/emulator/conversations/{Uri.EscapeDataString(conversation["id"]!.GetValue<string>())}/activities", ct))!.AsArray();
        Assert.Single(transcript, a => a?["text"]?.GetValue<string>() == "Your review is due");
    }

    /// <summary>A Teams-shaped channel message (a reply in a thread, as Teams sends it), once the Registry has the channel.</summary>
    private async Task MemberWritesInChannelAsync(string member, string channel, string tenant)
    {
        var ct = TestContext.Current.CancellationToken;
        var activity = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("teams-personal-message.json"))!.AsObject();
        activity["from"]!["id"] = member;
        activity["conversation"] = new JsonObject { ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = tenant, ["id"] = $"{channel};messageid=1732440011223" };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = tenant },
            ["team"] = new JsonObject { ["id"] = channel, ["name"] = "Contoso" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" },
        };

        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsJsonAsync("/emulator/activities", activity, ct)).StatusCode);
        await Eventually.Until(
            async () => (await host.Http.GetAsync($"/conversations/msteams/{Uri.EscapeDataString(channel)}", ct)).IsSuccessStatusCode ? "" : null,
            $"the channel {channel} in the Registry",
            host.Logs);
    }
}
