using System.Net.Http.Json;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Security;

/// <summary>
/// What users write and are sent, and their names, stay out of the services' logs. Ids may appear: they are
/// how an operator finds a delivery. (The channel emulator prints texts by design: it is a test tool.)
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class PersonalDataStaysOutOfLogsTests(RabbitMqSystem system)
{
    [Fact]
    public async Task Names_and_message_texts_never_appear_in_the_service_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (user, name, said, sent) = ("user-" + marker, "Ada Private-" + marker, "my salary is " + marker, "your diagnosis " + marker);
        var notificationId = "n-" + marker;
        using var channel = new HttpClient { BaseAddress = system.Channel.BaseUrl };

        await channel.PostAsJsonAsync($"emulator/users/{user}/join", new { name }, ct);
        await channel.PostAsJsonAsync($"emulator/users/{user}/messages", new { text = said, name }, ct);
        await Eventually.Until(async () => (await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{user}"), ct)).IsSuccessStatusCode ? "" : null, "the reference", system.Logs);
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = notificationId, Recipient = new Recipient("emulator", user), Text = sent }, ct);
        await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, c), "NotificationDelivered", system.Logs);

        // Once the Dispatcher has logged this delivery, every service has logged what it would about it.
        var dispatcher = system.Services.Single(s => s.Name == "dispatcher");
        await Eventually.Until(async () => (await ReadAsync(dispatcher.LogFilePath)).Contains(notificationId, StringComparison.Ordinal) ? "" : null, "the Dispatcher's log line of the delivery", system.Logs);

        foreach (var service in system.Services)
        {
            var log = await ReadAsync(service.LogFilePath);
            foreach (var personal in new[] { name, said, sent })
            {
                Assert.False(log.Contains(personal, StringComparison.Ordinal), $"{service.Name}'s log holds '{personal}'");
            }
        }
    }

    private static async Task<string> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
