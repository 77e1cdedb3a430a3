using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProactiveSuite.Contracts.References;

namespace ProactiveSuite.Tests.InProcess.Registry;

/// <summary>The Registry's group conversation look-ups over HTTP.</summary>
public sealed class GroupConversationEndpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stored_conversation_is_found_by_its_url_encoded_id_and_a_revoked_one_is_404_with_why()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await GroupConversationRegistryTests.CaptureAsync(system, GroupConversationRegistryTests.Channel(system, "19:finance@thread.tacv2", "ada", T0, team: "19:finance@thread.tacv2"));
        using var http = system.OperatorClient();
        var url = $"conversations/{InProcessSystem.ChannelId}/{Uri.EscapeDataString("19:finance@thread.tacv2")}";

        using var found = await http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = await found.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Finance", body.GetProperty("address").GetProperty("conversation").GetProperty("teamName").GetString());

        var removed = new ReferenceRevoked(InProcessSystem.ChannelId, null, "19:finance@thread.tacv2", RevocationReasons.BotRemoved, "removed", T0.AddMinutes(1));
        await system.Harness.Bus.Publish(removed, TestContext.Current.CancellationToken);
        Assert.True(await system.Harness.Consumed.Any<ReferenceRevoked>(c => c.Context.Message == removed));

        using var revoked = await http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        var problem = await revoked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(RevocationReasons.BotRemoved, problem.GetProperty("revokedReasonCode").GetString());

        using var missing = await http.GetAsync($"conversations/{InProcessSystem.ChannelId}/19%3Anone%40thread.v2", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("19:none@thread.v2", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_lists_active_conversations_with_filters_and_a_cursor()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        await GroupConversationRegistryTests.CaptureAsync(system, GroupConversationRegistryTests.GroupChat(system, "19:chat@thread.v2", "grace", T0));
        await GroupConversationRegistryTests.CaptureAsync(system, GroupConversationRegistryTests.Channel(system, "19:a@thread.tacv2", "ada", T0, team: "19:a@thread.tacv2"));
        await GroupConversationRegistryTests.CaptureAsync(system, GroupConversationRegistryTests.Channel(system, "19:b@thread.tacv2", "ada", T0, team: "19:a@thread.tacv2"));
        using var http = system.OperatorClient();

        var first = await http.GetFromJsonAsync<JsonElement>($"conversations?channelId={InProcessSystem.ChannelId}&type=channel&teamId={Uri.EscapeDataString("19:a@thread.tacv2")}&limit=1", TestContext.Current.CancellationToken);
        Assert.Equal("19:a@thread.tacv2", first.GetProperty("items")[0].GetProperty("address").GetProperty("conversation").GetProperty("id").GetString());
        var next = first.GetProperty("next").GetString();
        var second = await http.GetFromJsonAsync<JsonElement>($"conversations?channelId={InProcessSystem.ChannelId}&type=channel&limit=1&after={Uri.EscapeDataString(next!)}", TestContext.Current.CancellationToken);
        Assert.Equal("19:b@thread.tacv2", second.GetProperty("items")[0].GetProperty("address").GetProperty("conversation").GetProperty("id").GetString());

        var chats = await http.GetFromJsonAsync<JsonElement>($"conversations?channelId={InProcessSystem.ChannelId}&type=groupChat", TestContext.Current.CancellationToken);
        Assert.Equal(1, chats.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("conversations", "channelId is required")]
    [InlineData("conversations?channelId=emulator&type=personal", "type must be one of groupChat, channel")]
    [InlineData("conversations?channelId=emulator&limit=0", "limit must be between 1 and 500")]
    [InlineData("conversations?channelId=emulator&limit=501", "limit must be between 1 and 500")]
    [InlineData("conversations?channelId=emulator&after=nonsense", "after is not a cursor this service returned")]
    [InlineData("conversations/emulator/19%3Aa%3Fb", "conversationId cannot be a path segment")]
    [InlineData("conversations/emulator/19%3Aa%07b", "conversationId must not contain control characters")]
    [InlineData("conversations/a%7Cb/19%3Aa", "channelId must not contain '|'")]
    public async Task Bad_input_is_400_with_the_reason(string url, string reason)
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        using var http = system.OperatorClient();

        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_look_ups_need_operator_credentials()
    {
        await using var system = await InProcessSystem.StartAsync(ServiceSet.Registry);
        using var http = system.OperatorClient();
        http.DefaultRequestHeaders.Remove("X-Api-Key");

        using var response = await http.GetAsync($"conversations?channelId={InProcessSystem.ChannelId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
