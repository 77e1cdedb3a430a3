using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using RabbitMQ.Client;

namespace ProactiveSuite.EndToEnd.Tests.Security.Fuzzing;

/// <summary>
/// Over a thousand generated malformed and hostile inputs, at the Gateway's messaging endpoint and onto the
/// bus (enveloped and plain JSON), with valid traffic mixed in. Afterwards: no answer was a 5xx, every
/// service is alive and healthy, every queue is drained, no record is partial, and the valid traffic was
/// fully processed. The generator is seeded; a failure names the seed (set FUZZ_SEED to replay it).
/// </summary>
[Collection(SecuritySystemGroup.Name)]
public sealed class HostileInputFuzzTests(RabbitMqSystem system)
{
    private const int Activities = 700;
    private const int BusMessages = 420;
    private const int DefaultSeed = 20261124;

    private static readonly string[] ConsumerQueues = ["dispatcher-send-notification", "registry-reference-captured", "proactivesuite-registry-erase-user-data"];

    [Fact]
    public async Task Hostile_activities_and_bus_messages_break_nothing_and_valid_traffic_still_flows()
    {
        var ct = TestContext.Current.CancellationToken;
        // A fixed seed keeps the suite deterministic; FUZZ_SEED explores (and replays) other inputs.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var runId = seed.ToString("x8", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..4];
        var hostile = new HostileJson(new Random(seed));
        var serviceUrl = system.Channel.BaseUrl.ToString().TrimEnd('/');
        string Context() => $"seed {seed} (FUZZ_SEED={seed} replays it){Environment.NewLine}{system.Logs()}";

        // Valid traffic before, in the middle of and after the hostile traffic.
        var sentinel = "sentinel-" + runId;
        await system.Channel.UserSaysAsync(sentinel, "hello before the storm");
        await Eventually.Until(() => Reference(sentinel), "the sentinel's reference", Context);

        // 1. Activities at the Gateway.
        var template = JsonNode.Parse(WalkingSkeletonOnRabbitMqTests.SharedActivity("emulator-message.json"))!.AsObject();
        var activities = new HostileActivities(hostile, template, serviceUrl);
        var groups = new HostileGroupActivities(hostile, template, serviceUrl);
        // Every third one is a group activity: group chats, Teams channels and teams (issue 13).
        var generated = Enumerable.Range(0, Activities).Select(i => i % 3 == 2 ? groups.Create(i, i / 3, runId) : activities.Create(i, runId)).ToList();
        var answers = new ConcurrentDictionary<HostileActivity, (HttpStatusCode Status, string Body)>();
        await Parallel.ForEachAsync(generated, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (activity, token) =>
        {
            using var content = new ByteArrayContent(activity.Body);
            if (activity.ContentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", activity.ContentType);
            }

            using var response = await system.Http.PostAsync(new Uri(system.GatewayUrl, "/api/messages"), content, token);
            answers[activity] = (response.StatusCode, await response.Content.ReadAsStringAsync(token));
        });

        // 2. Messages on the bus, as any AMQP client could publish them, with valid commands among them.
        var messages = new HostileBusMessages(hostile, serviceUrl);
        var valid = new List<string>();
        var factory = new ConnectionFactory { Uri = system.Broker.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync(ct))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            for (var i = 0; i < BusMessages; i++)
            {
                var message = messages.Create(i, runId);
                await channel.ExchangeDeclareAsync(message.Exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
                var properties = new BasicProperties { ContentType = message.ContentType, DeliveryMode = DeliveryModes.Persistent };
                await channel.BasicPublishAsync(message.Exchange, "", mandatory: false, properties, message.Body, ct);
                if (i % 100 == 50)
                {
                    valid.Add(await PublishValidNotificationAsync(sentinel, ct));
                }
            }
        }

        valid.Add(await PublishValidNotificationAsync(sentinel, ct));

        // No 5xx, and every odd-but-valid activity was taken.
        var serverErrors = answers.Where(a => (int)a.Value.Status >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} activities got a 5xx, e.g.{Environment.NewLine}{Describe(serverErrors.Take(5))}{Environment.NewLine}{Context()}");
        var refusedValid = answers.Where(a => (a.Key.MustBeCaptured || a.Key.MustBeTaken) && (int)a.Value.Status >= 300).ToList();
        Assert.True(refusedValid.Count == 0, $"valid activities were refused:{Environment.NewLine}{Describe(refusedValid.Take(5))}");
        var takenButRefusable = answers.Where(a => a.Key.MustBeRefused && (int)a.Value.Status is < 400 or >= 500).ToList();
        Assert.True(takenButRefusable.Count == 0, $"{takenButRefusable.Count} activities of a class that must be refused with a 4xx were not, e.g.{Environment.NewLine}{Describe(takenButRefusable.Take(5))}");
        var refusedWithoutReason = answers.Where(a => (int)a.Value.Status is >= 400 and < 500 && !a.Value.Body.Contains("\"detail\"", StringComparison.Ordinal)).ToList();
        Assert.True(refusedWithoutReason.Count == 0, $"refusals without a reason:{Environment.NewLine}{Describe(refusedWithoutReason.Take(5))}");

        // Valid traffic went through, during and after.
        foreach (var notificationId in valid)
        {
            await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == notificationId, c), $"the valid notification {notificationId}", Context);
        }

        var answered = system.Channel.Transcript.InConversation("emu-" + sentinel).Select(a => a.ActivityId).ToHashSet();
        await system.Channel.UserSaysAsync(sentinel, "hello after the storm");
        // Whatever the bot's own conversation answers (an echo, or its next question), it must answer.
        await Eventually.Within(
            c => system.Channel.Transcript.WaitForAsync(a => a.ConversationId == "emu-" + sentinel && a.Direction == ProactiveSuite.ChannelEmulator.ActivityDirection.ToUser && !answered.Contains(a.ActivityId), c),
            "the bot's answer after the fuzzing",
            Context);

        // Every queue drained, every consumer still there, every process alive and healthy.
        await Eventually.Until(async () => await DrainedAsync(ct) ? "" : null, "drained queues with consumers: " + string.Join(", ", ConsumerQueues), Context);
        foreach (var service in system.Services)
        {
            Assert.False(service.HasExited, $"{service} exited{Environment.NewLine}{Context()}");
            Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync(new Uri(UrlOf(service.Name), "/health"), ct)).StatusCode);
        }

        // No partial records: what was refused was not stored; what was stored is whole.
        foreach (var (activity, _) in answers.Where(a => (int)a.Value.Status >= 400))
        {
            Assert.True(await Reference(activity.UserId) is null, $"{activity.UserId} ({activity.Kind}) was refused yet stored");
        }

        foreach (var activity in generated.Where(a => a.MustBeCaptured))
        {
            AssertWhole(await Eventually.Until(() => Reference(activity.UserId), $"the reference of {activity.UserId}", Context), activity.UserId, serviceUrl);
        }

        await AssertGroupConversationsWholeAsync(runId, serviceUrl, ct);
        foreach (var stored in await AllReferencesAsync(ct))
        {
            var user = stored["address"]?["user"]?["id"]?.GetValue<string>() ?? "";
            if (user.StartsWith($"fuzz-{runId}-", StringComparison.Ordinal) || user.StartsWith($"fuzzbus-{runId}-", StringComparison.Ordinal))
            {
                AssertWhole(stored, user, serviceUrl);
            }
        }
    }

    /// <summary>The group conversations this run stored are whole: an id that is a path segment, a connector, the bot.</summary>
    private async Task AssertGroupConversationsWholeAsync(string runId, string serviceUrl, CancellationToken ct)
    {
        string? after = null;
        do
        {
            var url = new Uri(system.RegistryUrl, "/conversations?channelId=emulator&limit=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = JsonNode.Parse(await system.Http.GetStringAsync(url, ct))!;
            foreach (var stored in page["items"]!.AsArray())
            {
                var address = stored!["address"]!;
                var id = address["conversation"]?["id"]?.GetValue<string>() ?? "";
                if (id.Contains(HostileGroupActivities.ConversationPrefix(runId), StringComparison.Ordinal))
                {
                    Assert.DoesNotContain(";messageid=", id, StringComparison.OrdinalIgnoreCase);
                    Assert.False(id is "." or ".." || id.IndexOfAny(['/', '\\', '?', '#']) >= 0, $"{id}: not a path segment");
                    Assert.Equal(serviceUrl, address["serviceUrl"]?.GetValue<string>().TrimEnd('/'));
                    Assert.False(string.IsNullOrEmpty(address["bot"]?["id"]?.GetValue<string>()), $"{id}: no bot id");
                }
            }

            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
    }

    private async Task<string> PublishValidNotificationAsync(string user, CancellationToken ct)
    {
        var notificationId = "fuzz-valid-" + Guid.NewGuid().ToString("N");
        await system.Outside.Bus.Publish(new SendNotification { NotificationId = notificationId, Recipient = new Recipient("emulator", user), Text = "still working" }, ct);
        return notificationId;
    }

    private async Task<bool> DrainedAsync(CancellationToken ct)
    {
        foreach (var queue in ConsumerQueues)
        {
            var (ready, consumers) = await system.Queues.DepthAsync(queue, ct);
            if (ready > 0 || consumers == 0)
            {
                return false;
            }
        }

        return true;
    }

    private Uri UrlOf(string service) => service switch
    {
        "registry" => system.RegistryUrl,
        "dispatcher" => system.DispatcherUrl,
        _ => system.GatewayUrl,
    };

    private async Task<JsonObject?> Reference(string user)
    {
        var response = await system.Http.GetAsync(new Uri(system.RegistryUrl, $"/references/emulator/{Uri.EscapeDataString(user)}"), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private async Task<List<JsonObject>> AllReferencesAsync(CancellationToken ct)
    {
        var all = new List<JsonObject>();
        string? after = null;
        do
        {
            var url = new Uri(system.RegistryUrl, "/references?limit=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var page = JsonNode.Parse(await system.Http.GetStringAsync(url, ct))!;
            all.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return all;
    }

    private static void AssertWhole(JsonObject stored, string user, string serviceUrl)
    {
        var address = stored["address"]!;
        Assert.Equal(user, address["user"]?["id"]?.GetValue<string>());
        // A capture on the bus may name any channel (a hostile one too); stored, it still has one.
        Assert.False(string.IsNullOrEmpty(address["channelId"]?.GetValue<string>()), $"{user}: no channel");
        Assert.Equal(serviceUrl, address["serviceUrl"]?.GetValue<string>().TrimEnd('/'));
        Assert.False(string.IsNullOrEmpty(address["conversation"]?["id"]?.GetValue<string>()), $"{user}: no conversation id");
        Assert.False(string.IsNullOrEmpty(address["bot"]?["id"]?.GetValue<string>()), $"{user}: no bot id");
        Assert.False(string.IsNullOrEmpty(stored["lastActivityType"]?.GetValue<string>()), $"{user}: no activity type");
    }

    private static string Describe(IEnumerable<KeyValuePair<HostileActivity, (HttpStatusCode Status, string Body)>> answers) => string.Join(
        Environment.NewLine,
        answers.Select(a => $"  {a.Key.Kind} → {(int)a.Value.Status}: {a.Value.Body[..Math.Min(300, a.Value.Body.Length)]} | body: {Encoding.UTF8.GetString(a.Key.Body)[..Math.Min(300, a.Key.Body.Length)]}"));
}
