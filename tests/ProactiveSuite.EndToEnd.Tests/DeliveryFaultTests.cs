using ProactiveSuite.ChannelEmulator;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.EndToEnd.Tests.Cli;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests;

/// <summary>
/// The channel pushes back, over real HTTP: the emulator answers 429, 5xx, 403/404 or nothing for one
/// user's conversation, and the Dispatcher (MaxAttempts 4 in these tests) must do what
/// docs/reliability.md says. Emulator counts prove no hidden retries happen underneath.
/// </summary>
[Collection(nameof(RabbitMqSystem))]
public sealed class DeliveryFaultTests(RabbitMqSystem system)
{
    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_then_delivered()
    {
        var user = await system.UserWhoWroteAsync();
        system.Channel.Faults.AddRule(ChannelFault.Throttled(TimeSpan.FromSeconds(1)).ForUser(user).On(ConnectorOperation.SendToConversation).Times(1));

        var id = await system.SendAsync("emulator", user, "After the throttle");

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), "NotificationDelivered", system.Logs);
        var record = await system.RecipientAsync(id);
        Assert.Equal(2, record["attempts"]!.GetValue<int>());
        Assert.Equal(1, (await system.StatusAsync(id))!["throttled"]!.GetValue<int>());
        var calls = system.Channel.Statistics.For("emu-" + user);
        Assert.Equal((1, 1), (calls.Throttled, calls.Sends));
    }

    [Fact]
    public async Task Passing_server_faults_are_retried_until_the_channel_recovers()
    {
        var user = await system.UserWhoWroteAsync();
        system.Channel.Faults.AddRule(ChannelFault.Unavailable().ForUser(user).On(ConnectorOperation.SendToConversation).Times(2));
        system.Channel.Faults.AddRule(ChannelFault.Error(502).ForUser(user).On(ConnectorOperation.SendToConversation).Times(1));

        var id = await system.SendAsync("emulator", user, "After the outage");

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), "NotificationDelivered", system.Logs);
        Assert.Equal(4, (await system.RecipientAsync(id))["attempts"]!.GetValue<int>());
        Assert.Equal(3, system.Channel.Statistics.For("emu-" + user).Faulted);
    }

    [Fact]
    public async Task A_notification_waiting_for_a_retry_says_how_many_wait_until_when_and_why_in_its_status_and_in_the_cli()
    {
        var user = await system.UserWhoWroteAsync();
        // A 503 with Retry-After: the next attempt is exactly 30 s after the failure, long enough to look at it.
        system.Channel.Faults.AddRule(ChannelFault.Unavailable(TimeSpan.FromSeconds(30)).ForUser(user).On(ConnectorOperation.SendToConversation).Times(1));

        var id = await system.SendAsync("emulator", user, "After the 503");

        var status = await Eventually.Until(async () => await system.StatusAsync(id) is { } s && s["retrying"] is not null ? s : null, "a retrying block in the status", system.Logs);
        var retrying = status["retrying"]!;
        var lastFailure = retrying["lastFailure"]!;
        Assert.Equal((0, 0, 1), (status["delivered"]!.GetValue<int>(), status["failed"]!.GetValue<int>(), retrying["count"]!.GetValue<int>()));
        Assert.Equal(503, lastFailure["statusCode"]!.GetValue<int>());
        Assert.Contains("503", lastFailure["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(lastFailure["at"]!.GetValue<DateTimeOffset>().AddSeconds(30), retrying["nextAttemptAt"]!.GetValue<DateTimeOffset>());

        var cli = await new ProactiveCli(system.DispatcherUrl, ServiceEnvironment.OperatorApiKey).RunAsync("status", id);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains(cli.StdoutLines, line => line.Contains("retrying", StringComparison.Ordinal) && line.Contains('1', StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, line => line.Contains("next attempt", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, line => line.Contains("last failure", StringComparison.Ordinal) && line.Contains("503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_gets_a_bounded_number_of_attempts_then_NotificationFailed_Transient()
    {
        var user = await system.UserWhoWroteAsync();
        system.Channel.Faults.AddRule(ChannelFault.Unavailable().ForUser(user).On(ConnectorOperation.SendToConversation));

        var id = await system.SendAsync("emulator", user, "Never arrives");

        var failed = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == id, ct), "NotificationFailed", system.Logs);
        Assert.Equal(NotificationFailureReasons.Transient, failed.ReasonCode);
        Assert.Contains("after 4 attempts", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(4, system.Channel.Statistics.For("emu-" + user).Faulted);
    }

    [Fact]
    public async Task A_connector_that_does_not_answer_times_out_and_is_retried()
    {
        var user = await system.UserWhoWroteAsync();
        system.Channel.Faults.AddRule(ChannelFault.Hang(TimeSpan.FromSeconds(20)).ForUser(user).On(ConnectorOperation.SendToConversation).Times(1));

        var id = await system.SendAsync("emulator", user, "After the silence");

        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), "NotificationDelivered", system.Logs);
        Assert.Equal(2, (await system.RecipientAsync(id))["attempts"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(403, ConnectorErrorCodes.ConversationBlockedByUser, NotificationFailureReasons.UserBlocked)]
    [InlineData(403, ConnectorErrorCodes.BotNotInConversationRoster, NotificationFailureReasons.BotRemoved)]
    [InlineData(404, ConnectorErrorCodes.ConversationNotFound, NotificationFailureReasons.ConversationNotFound)]
    public async Task A_gone_user_is_not_retried_and_later_sends_stop_until_they_write_again(int status, string code, string reason)
    {
        var user = await system.UserWhoWroteAsync();
        var rule = system.Channel.Faults.AddRule(ChannelFault.Error(status, code).ForUser(user));

        var id = await system.SendAsync("emulator", user, "Gone?");

        var failed = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == id, ct), "NotificationFailed", system.Logs);
        Assert.Equal(reason, failed.ReasonCode);
        Assert.Equal(1, system.Channel.Statistics.For("emu-" + user).Faulted);
        await Eventually.Until(async () => (await system.ReferenceAsync("emulator", user))?["revokedAt"], "the revocation", system.Logs);

        var next = await system.SendAsync("emulator", user, "Still gone?");
        var refused = await Eventually.Within(ct => system.Outside.Failed.WaitForAsync(f => f.NotificationId == next, ct), "NotificationFailed", system.Logs);
        Assert.Equal(NotificationFailureReasons.ReferenceRevoked, refused.ReasonCode);
        Assert.Equal(1, system.Channel.Statistics.For("emu-" + user).Faulted);

        system.Channel.Faults.RemoveRule(rule.Id);
        await system.Channel.UserSaysAsync(user, "I'm back");
        await Eventually.Until(async () => (await system.ReferenceAsync("emulator", user)) is { } r && r["revokedAt"] is null ? r : null, "the reference back", system.Logs);
        var welcome = await system.SendAsync("emulator", user, "Welcome back");
        await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == welcome, ct), "NotificationDelivered", system.Logs);
    }

    [Fact]
    public async Task Sends_to_one_conversation_are_paced_to_the_teams_limits_instead_of_running_into_429s()
    {
        var user = await system.UserWhoWroteAsync();
        system.Channel.Limits.EnforceTeamsLimits();
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                ids.Add(await system.SendAsync("emulator", user, $"Paced {i}"));
            }

            foreach (var id in ids)
            {
                await Eventually.Within(ct => system.Outside.Delivered.WaitForAsync(d => d.NotificationId == id, ct), $"NotificationDelivered {id}", system.Logs);
            }

            var calls = system.Channel.Statistics.For("emu-" + user);
            Assert.Equal(20, calls.Sends);
            // Pacing alone draws no 429 (docs/reliability.md): a send is counted when answered and leaves no earlier than its slot.
            Assert.Equal(0L, calls.Throttled);
        }
        finally
        {
            system.Channel.Limits.StopEnforcing();
        }
    }
}
