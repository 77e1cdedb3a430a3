using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>What tests ask a running system: acting as users and publishers, and reading its HTTP answers.</summary>
public static class SystemProbes
{
    public static async Task<string> UserWhoWroteAsync(this RabbitMqSystem system)
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..12];
        await system.Channel.UserSaysAsync(user, "hello");
        await Eventually.Until(() => system.ReferenceAsync("emulator", user), "the reference", system.Logs);
        return user;
    }

    public static async Task<string> SendAsync(this RabbitMqSystem system, string channel, string user, string text, DateTimeOffset? notBefore = null)
    {
        var id = "n-" + Guid.NewGuid().ToString("N");
        await system.Outside.Bus.Publish(
            new SendNotification { NotificationId = id, Recipient = new Recipient(channel, user), Text = text, NotBefore = notBefore },
            TestContext.Current.CancellationToken);
        return id;
    }

    public static async Task<JsonObject?> ReferenceAsync(this RabbitMqSystem system, string channel, string user) =>
        await GetJsonAsync(system, new Uri(system.RegistryUrl, $"/references/{channel}/{Uri.EscapeDataString(user)}"));

    public static async Task<JsonObject?> StatusAsync(this RabbitMqSystem system, string notificationId) =>
        await GetJsonAsync(system, new Uri(system.DispatcherUrl, $"/notifications/{Uri.EscapeDataString(notificationId)}"));

    public static async Task<JsonObject> RecipientAsync(this RabbitMqSystem system, string notificationId)
    {
        var page = await GetJsonAsync(system, new Uri(system.DispatcherUrl, $"/notifications/{Uri.EscapeDataString(notificationId)}/recipients"));
        return Assert.Single(page!["items"]!.AsArray())!.AsObject();
    }

    private static async Task<JsonObject?> GetJsonAsync(RabbitMqSystem system, Uri url)
    {
        var response = await system.Http.GetAsync(url, TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }
}
