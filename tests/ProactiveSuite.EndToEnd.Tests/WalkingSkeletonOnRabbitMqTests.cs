using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.References;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The whole story on the production shape: Gateway, Registry and Dispatcher as separate processes
/// over a real RabbitMQ; a user writes through the channel emulator; an outside service publishes a
/// SendNotification; the message arrives over HTTP in the user's conversation.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class WalkingSkeletonOnRabbitMqTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_user_message_is_answered_and_its_reference_lands_in_the_registry()
    {
        var user = NewUser();

        var said = await system.Channel.UserSaysAsync(user, "hello bot");

        Assert.Equal(HttpStatusCode.Accepted, said.StatusCode);
        var reply = await Eventually.Within(
            ct => system.Channel.Transcript.WaitForAsync(a => a.ConversationId == "emu-" + user && a.Direction == ActivityDirection.ToUser, ct),
            "the bot's answer", system.Logs);
        Assert.Equal("You sent 'hello bot'.", reply.Text);

        var stored = await StoredReferenceOf(user);
        Assert.Equal("emu-" + user, stored["address"]!["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(system.Channel.BaseUrl.ToString().TrimEnd('/'), stored["address"]!["serviceUrl"]!.GetValue<string>().TrimEnd('/'));
        Assert.Equal("message", stored["lastActivityType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_notification_from_an_outside_service_arrives_in_the_users_conversation_and_is_reported_delivered()
    {
        var user = NewUser();
        await system.Channel.UserSaysAsync(user, "hello bot");
        await StoredReferenceOf(user);
        var notificationId = "n-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification
        {
            NotificationId = notificationId,
            Recipient = new Recipient("emulator", user),
            Text = "Your expense report was approved",
        }, TestContext.Current.CancellationToken);

        var arrived = await Eventually.Within(
            ct => system.Channel.Transcript.WaitForAsync(a => a.Text == "Your expense report was approved", ct),
            "the notification at the channel", system.Logs);
        Assert.Equal("emu-" + user, arrived.ConversationId);
        Assert.Equal(ConnectorOperation.SendToConversation, arrived.Operation);
        Assert.Equal(user, arrived.Activity["recipient"]!["id"]!.GetValue<string>());

        var delivered = await Eventually.Within(
            ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, ct),
            "NotificationDelivered", system.Logs);
        Assert.Equal(arrived.ActivityId, delivered.ActivityId);
        Assert.Equal("emu-" + user, delivered.ConversationId);
        Assert.False(delivered.ConversationCreated);
        Assert.DoesNotContain(system.Outside.Failed.All(), f => f.NotificationId == notificationId);
    }

    [Fact]
    public async Task A_user_who_never_wrote_gets_NotificationFailed_NoReference()
    {
        var notificationId = "n-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification
        {
            NotificationId = notificationId,
            Recipient = new Recipient("emulator", NewUser()),
            Text = "Anyone there?",
        }, TestContext.Current.CancellationToken);

        var failed = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == notificationId, ct), "NotificationFailed", system.Logs);
        Assert.Equal(NotificationFailureReasons.NoReference, failed.ReasonCode);
        Assert.Contains("createConversationIfMissing is false", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_without_a_recipient_or_text_get_NotificationFailed_Invalid_and_the_queue_moves_on()
    {
        var noRecipient = "n-" + Guid.NewGuid().ToString("N");
        var noText = "n-" + Guid.NewGuid().ToString("N");
        var valid = "n-" + Guid.NewGuid().ToString("N");
        var user = NewUser();
        await system.Channel.UserSaysAsync(user, "hi");
        await StoredReferenceOf(user);

        await system.Outside.Bus.Publish(new SendNotification { NotificationId = noRecipient, Text = "to nobody" }, TestContext.Current.CancellationToken);
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = noText, Recipient = new Recipient("emulator", user), Text = "  " }, TestContext.Current.CancellationToken);
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = valid, Recipient = new Recipient("emulator", user), Text = "after the bad ones" }, TestContext.Current.CancellationToken);

        var first = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == noRecipient, ct), "NotificationFailed for no recipient", system.Logs);
        var second = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == noText, ct), "NotificationFailed for empty text", system.Logs);
        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == valid, ct), "the valid notification behind them", system.Logs);
        Assert.Equal((NotificationFailureReasons.Invalid, "SendNotification rejected: recipient is required"), (first.ReasonCode, first.Reason));
        Assert.Equal((NotificationFailureReasons.Invalid, "SendNotification rejected: text is empty and there are no attachments: there is nothing to send"), (second.ReasonCode, second.Reason));
    }

    [Fact]
    public async Task A_conversation_is_created_when_none_is_stored_and_the_command_allows_it()
    {
        var user = NewUser();
        var notificationId = "n-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(new SendNotification
        {
            NotificationId = notificationId,
            Recipient = new Recipient("emulator", user),
            Text = "Welcome aboard",
            CreateConversationIfMissing = true,
        }, TestContext.Current.CancellationToken);

        var delivered = await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, ct), "NotificationDelivered", system.Logs);
        Assert.True(delivered.ConversationCreated);
        var created = Assert.Single(system.Channel.Transcript.CreatedConversations(), c => c.ConversationId == delivered.ConversationId);
        Assert.Equal(user, Assert.Single(created.Members)["id"]!.GetValue<string>());
        Assert.False(created.IsGroup);
        var message = Assert.Single(system.Channel.Transcript.InConversation(delivered.ConversationId), a => a.Text == "Welcome aboard");
        Assert.Equal(delivered.ActivityId, message.ActivityId);

        // The new conversation becomes the user's reference, so the next notification goes there.
        var stored = await StoredReferenceOf(user);
        Assert.Equal(delivered.ConversationId, stored["address"]!["conversation"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_registry_answers_lookups_over_the_bus_and_pages_over_http()
    {
        var user = NewUser();
        await system.Channel.UserSaysAsync(user, "hello");
        await StoredReferenceOf(user);

        var client = system.Outside.Bus.CreateRequestClient<FindConversationReference>();
        var found = await client.GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(new FindConversationReference("emulator", user), TestContext.Current.CancellationToken);
        var missing = await client.GetResponse<ConversationReferenceFound, ConversationReferenceNotFound>(new FindConversationReference("emulator", NewUser()), TestContext.Current.CancellationToken);

        Assert.True(found.Is(out Response<ConversationReferenceFound>? hit));
        Assert.Equal("emu-" + user, hit.Message.Address.Conversation.Id);
        Assert.True(missing.Is(out Response<ConversationReferenceNotFound>? _));

        var seen = new List<string>();
        string? after = null;
        do
        {
            var url = new Uri(system.RegistryUrl, "/references?channelId=emulator&limit=2" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = JsonNode.Parse(await system.Http.GetStringAsync(url, TestContext.Current.CancellationToken))!;
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["address"]!["user"]!["id"]!.GetValue<string>()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        Assert.Contains(user, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var badCursor = await system.Http.GetAsync(new Uri(system.RegistryUrl, "/references?after=garbage"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task A_Teams_activity_is_captured_with_its_tenant_and_installation_removal_is_not()
    {
        var activity = JsonNode.Parse(SharedActivity("teams-personal-message.json"))!.AsObject();
        var user = "29:" + NewUser();
        activity["from"]!["id"] = user;

        var forwarded = await system.Channel.ForwardActivityAsync(activity);

        Assert.Equal(HttpStatusCode.Accepted, forwarded.StatusCode);
        var stored = await Eventually.Until(() => TryGetReference("msteams", user), "the Teams reference", system.Logs);
        Assert.Equal("72f988bf-0000-4000-8000-2d7cd011db47", stored["address"]!["conversation"]!["tenantId"]!.GetValue<string>());
        Assert.Equal("personal", stored["address"]!["conversation"]!["conversationType"]!.GetValue<string>());
        Assert.Equal("en-GB", stored["address"]!["locale"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json", "the body is not valid JSON")]
    [InlineData("{\"type\":\"message\"}", "channelId is required")]
    [InlineData("[1,2,3]", "the body must be a JSON object")]
    public async Task A_malformed_activity_gets_400_with_the_reason(string body, string reason)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Contains(reason, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_activity_gets_413()
    {
        var activity = JsonNode.Parse(SharedActivity("emulator-message.json"))!.AsObject();
        activity["text"] = new string('x', 300 * 1024);
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");

        var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "413 without Connection: close");
    }

    private async Task<JsonObject> StoredReferenceOf(string user) =>
        await Eventually.Until(() => TryGetReference("emulator", user), $"the reference of {user} in the registry", system.Logs);

    private async Task<JsonObject?> TryGetReference(string channel, string user)
    {
        var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/{channel}/{Uri.EscapeDataString(user)}"), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    internal static string SharedActivity(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "activities", name);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"../shared/activities/{name} was not found");
    }
}
