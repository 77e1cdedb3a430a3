using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Privacy;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using ProactiveSuite.EndToEnd.Tests.Surveys;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The production shape end to end: Gateway, Registry and Dispatcher as three processes on RabbitMQ and
/// MongoDB with the environment docker-compose.yml gives them (<see cref="ComposeShapedSystem"/>), driven as an
/// operator and the users would: capture, an ad-hoc send, a created conversation, a broadcast with its status
/// and CSV, a cancelled broadcast, an erasure.
/// </summary>
public sealed class ProductionShapeTests(ComposeShapedSystem system) : IClassFixture<ComposeShapedSystem>
{
    [Fact]
    public void The_services_run_with_composes_environment_and_only_the_named_additions()
    {
        foreach (var service in new[] { "registry", "dispatcher", "gateway" })
        {
            var compose = ComposeEnvironment.Of(service, system.DotEnv());
            var launched = system.LaunchedEnvironment(service);
            var additions = system.LocalRunAdditions(service);

            Assert.Empty(additions.Keys.Intersect(compose.Keys));
            Assert.All(compose, e =>
            {
                Assert.True(launched.TryGetValue(e.Key, out var value), $"{service}: {e.Key} from compose is not set");
                if (ComposeShapedSystem.Substituted.TryGetValue(e.Key, out var composeHost))
                {
                    // Only the host (or the database prefix) differs: what compose has around it is kept.
                    var at = e.Value.IndexOf(composeHost, StringComparison.Ordinal);
                    var (before, after) = (e.Value[..at], e.Value[(at + composeHost.Length)..]);
                    Assert.True(value != e.Value && value!.StartsWith(before, StringComparison.Ordinal) && value.EndsWith(after, StringComparison.Ordinal), $"{service}: {e.Key} is '{value}', compose says '{e.Value}'");
                }
                else
                {
                    Assert.True(e.Value == value, $"{service}: {e.Key} is '{value}', compose says '{e.Value}'");
                }
            });
            Assert.All(launched.Keys.Except(compose.Keys), key =>
                Assert.True(ComposeShapedSystem.ContainerKeys.Contains(key) || additions.ContainsKey(key), $"{service}: {key} is neither compose's, the image's nor a named local-run addition"));
        }

        Assert.Equal("MongoDb", system.LaunchedEnvironment("dispatcher")["Store__Provider"]);
        Assert.Equal(ServiceEnvironment.OperatorApiKey, system.LaunchedEnvironment("gateway")["OperatorAuthentication__ApiKeys__0"]);
    }

    [Fact]
    public async Task A_user_who_writes_is_captured_and_an_operator_sends_them_a_notification_over_http()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await system.UserWhoWroteAsync();

        var response = await system.Http.PostAsJsonAsync(new Uri(system.DispatcherUrl, "/notifications"), new SendNotification { Recipient = new Recipient("emulator", user), Text = "Ad hoc" }, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["notificationId"]!.GetValue<string>();
        var delivered = await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, c), "NotificationDelivered", system.Logs);
        Assert.Equal("emu-" + user, delivered.ConversationId);
        Assert.Single(system.Channel.Transcript.InConversation("emu-" + user), a => a.Text == "Ad hoc");
        // The Dispatcher counts the delivery in the notification's progress just after it publishes the event.
        // A single SendNotification has no total, so it never finishes (docs/contracts.md).
        JsonObject? last = null;
        await Eventually.Until(
            async () => (last = await system.StatusAsync(id)) is { } status && status["delivered"]!.GetValue<int>() == 1 ? status : null,
            "the status to count the delivery",
            () => $"last status: {last?.ToJsonString()}{Environment.NewLine}{system.Logs()}");
        Assert.Null(last!["total"]);
    }

    [Fact]
    public async Task A_conversation_is_created_for_a_user_with_none_when_the_command_allows_it()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..12];
        var id = "n-" + Guid.NewGuid().ToString("N");

        await system.Outside.Bus.Publish(
            new SendNotification { NotificationId = id, Recipient = new Recipient("emulator", user), Text = "Welcome aboard", CreateConversationIfMissing = true },
            TestContext.Current.CancellationToken);

        var delivered = await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, c), "NotificationDelivered", system.Logs);
        Assert.True(delivered.ConversationCreated);
        Assert.Single(system.Channel.Transcript.CreatedConversations(), c => c.ConversationId == delivered.ConversationId);
        Assert.Single(system.Channel.Transcript.InConversation(delivered.ConversationId), a => a.Text == "Welcome aboard");
        // The created conversation is stored as the user's reference, in the Registry's database.
        await Eventually.Until(
            async () => (await system.ReferenceAsync("emulator", user))?["address"]?["conversation"]?["id"]?.GetValue<string>() == delivered.ConversationId ? "" : null,
            "the created conversation as the user's reference",
            system.Logs);
    }

    [Fact]
    public async Task A_broadcast_reaches_everyone_and_its_status_and_csv_say_so()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = "pb" + Guid.NewGuid().ToString("N")[..8];
        var users = SeededRecipients.Users(prefix, 40);
        await DispatcherCrashes.SeedAsync(system, users);
        var recipients = users.Select(u => new Recipient("emulator", u)).Append(new Recipient("emulator", prefix + "-nobody")).ToList();

        var response = await system.Http.PostAsJsonAsync(new Uri(system.DispatcherUrl, "/broadcasts"), new SendBroadcast { Audience = new BroadcastAudience { Recipients = recipients }, Text = "Broadcast " + prefix }, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["notificationId"]!.GetValue<string>();
        var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
        Assert.Equal((41, 40, 0), (completed.Total, completed.Delivered, completed.Cancelled));
        Assert.Equal(1, completed.Failed[NotificationFailureReasons.NoReference]);
        Assert.Equal(users.Select(u => "emu-" + u).Order(), system.Channel.Transcript.All().Where(a => a.Text == "Broadcast " + prefix).Select(a => a.ConversationId).Order());
        var status = (await system.StatusAsync(id))!;
        Assert.Equal((41, 0, 40), (status["total"]!.GetValue<int>(), status["pending"]!.GetValue<int>(), status["delivered"]!.GetValue<int>()));
        Assert.NotNull(status["finishedAt"]);
        var csv = (await system.Http.GetStringAsync(new Uri(system.DispatcherUrl, $"/notifications/{id}/recipients.csv"), ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(42, csv.Length);
        Assert.Single(csv, l => l.Contains(prefix + "-nobody", StringComparison.Ordinal) && l.Contains("NoReference", StringComparison.Ordinal));
        Assert.Equal(40, csv.Count(l => l.Contains(prefix + "-", StringComparison.Ordinal) && l.Contains("Delivered", StringComparison.Ordinal)));
        Assert.Equal(1, system.Outside.Completed.All().Count(x => x.NotificationId == id));
    }

    [Fact]
    public async Task A_cancelled_broadcast_stops_and_its_status_counts_the_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = SeededRecipients.Users("pc" + Guid.NewGuid().ToString("N")[..8], 150);
        await DispatcherCrashes.SeedAsync(system, users);
        system.Channel.Faults.SetLatency(TimeSpan.FromMilliseconds(300));
        try
        {
            var id = "b-" + Guid.NewGuid().ToString("N");
            var text = "To be cancelled " + id;
            var response = await system.Http.PostAsJsonAsync(new Uri(system.DispatcherUrl, "/broadcasts"), new SendBroadcast { NotificationId = id, Audience = new BroadcastAudience { Recipients = users.Select(u => new Recipient("emulator", u)).ToList() }, Text = text }, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Eventually.Until(() => Task.FromResult(system.Channel.Transcript.All().Any(a => a.Text == text) ? "" : null), "the first deliveries", system.Logs);

            Assert.Equal(HttpStatusCode.Accepted, (await system.Http.PostAsync(new Uri(system.DispatcherUrl, $"/notifications/{id}/cancel"), null, ct)).StatusCode);

            var completed = await Eventually.Within(c => system.Outside.Completed.WaitForAsync(x => x.NotificationId == id, c), "NotificationCompleted", system.Logs);
            Assert.True(completed.Cancelled > 0, $"nothing was cancelled: {completed}");
            Assert.Equal(150, completed.Delivered + completed.Failed.Values.Sum() + completed.Cancelled);
            Assert.Equal(completed.Delivered, system.Channel.Transcript.All().Count(a => a.Text == text));
            var status = (await system.StatusAsync(id))!;
            Assert.Equal((completed.Cancelled, 0), (status["cancelled"]!.GetValue<int>(), status["pending"]!.GetValue<int>()));
        }
        finally
        {
            system.Channel.Faults.SetLatency(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task An_erasure_is_reported_by_every_service_from_its_own_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await system.UserWhoWroteAsync();
        var sent = await system.SendAsync("emulator", user, "Before the erasure");
        await Eventually.Within(c => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == sent, c), "the notification before the erasure", system.Logs);

        var response = await system.Http.DeleteAsync(new Uri(system.RegistryUrl, $"/users/emulator/{user}"), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["requestId"]!.GetValue<string>();
        var reports = new Dictionary<string, UserDataErased>();
        foreach (var service in new[] { "ProactiveSuite.Registry", "ProactiveSuite.Dispatcher", "ProactiveSuite.Gateway" })
        {
            reports[service] = await Eventually.Within(c => system.Outside.Erased.WaitForAsync(e => e.RequestId == requestId && e.Service == service, c), $"UserDataErased from {service}", system.Logs);
        }

        Assert.Equal([new ErasedUserData("conversationReferences", 1), new ErasedUserData("knownMembers", 0)], reports["ProactiveSuite.Registry"].Erased);
        Assert.Contains(new ErasedUserData("deliveries", 1), reports["ProactiveSuite.Dispatcher"].Erased);
        // The Gateway owns the conversations' state: the user's "hello" started the bot's introduction there.
        Assert.Equal([new ErasedUserData("conversationState", 1)], reports["ProactiveSuite.Gateway"].Erased);
        Assert.Null(await system.ReferenceAsync("emulator", user));
    }
}

/// <summary>The survey stories in the production shape: three processes on RabbitMQ and MongoDB with compose's environment.</summary>
public sealed class SurveysInTheProductionShapeTests(SurveysInSeparateProcesses<ComposeShapedSystem> stage)
    : SurveyScenarios(stage), IClassFixture<SurveysInSeparateProcesses<ComposeShapedSystem>>;

/// <summary>The survey stories in three processes on RabbitMQ, each service with its own embedded store file.</summary>
public sealed class SurveysInSeparateProcessesOnEmbeddedStoresTests(SurveysInSeparateProcesses<RabbitMqSystem> stage)
    : SurveyScenarios(stage), IClassFixture<SurveysInSeparateProcesses<RabbitMqSystem>>;

/// <summary>The production shape with a Dispatcher that posts one delivery at a time (the crash test's bound).</summary>
public sealed class OneAtATimeComposeShapedSystem : ComposeShapedSystem
{
    protected override IEnumerable<KeyValuePair<string, string>> DispatcherSettings() => DispatcherCrashes.OneAtATime;
}

/// <summary>SIGKILLs of the Dispatcher and a broker restart in the production shape, its ledger and progress in MongoDB.</summary>
public sealed class ProductionShapeCrashTests(OneAtATimeComposeShapedSystem system) : IClassFixture<OneAtATimeComposeShapedSystem>
{
    [Fact]
    public async Task Killing_the_dispatcher_three_times_during_a_2000_recipient_broadcast_on_mongodb_loses_no_one_and_settles_once() =>
        await DispatcherCrashes.BroadcastThroughKillsAsync(system, SeededRecipients.Users("pcrash", 2000), "production-shape crash broadcast (MongoDB)");

    [Fact]
    public async Task Stopping_and_restarting_rabbitmq_in_the_middle_of_a_run_on_mongodb_loses_no_command_and_repeats_no_one() =>
        await DispatcherCrashes.RestartTheBrokerMidRunAsync(system, SeededRecipients.Users("prestart", 500), "production-shape broker restart (MongoDB)");

    [Fact]
    public async Task Killing_the_dispatcher_right_after_a_cancel_on_mongodb_never_reports_a_received_message_as_cancelled() =>
        await DispatcherCrashes.KillRightAfterACancelAsync(system, SeededRecipients.Users("pcancelkill", 40), "production-shape kill after a cancel (MongoDB)");
}
