using System.Globalization;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Cli;

/// <summary>
/// The `proactive` tool against the embedded default host, each command as an operator types it, checked
/// against what really happened: the emulator's transcripts and the Dispatcher's status.
/// </summary>
public sealed class CliOperatorTests(EmbeddedDefaultHost host) : IClassFixture<EmbeddedDefaultHost>
{
    private readonly ProactiveCli _cli = new(host.Url, EmbeddedDefaultHost.LocalOperatorKey);
    private readonly EmulatorTranscripts _users = new(host);

    [Fact]
    public async Task Send_delivers_the_notification_into_the_users_conversation()
    {
        var ada = await _users.UserWhoWroteAsync("ada");

        var run = await _cli.RunAsync("send", "--channel", "emulator", "--user", ada, "--text", "Your report is ready");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("accepted", run.Stdout, StringComparison.Ordinal);
        await Eventually.Until(
            async () => (await _users.TextsAsync(ada)).Contains("Your report is ready") ? "" : null,
            "the notification in the user's conversation",
            () => run + host.Logs());
    }

    [Fact]
    public async Task Broadcast_to_several_users_shows_its_progress_and_settles_with_every_one_delivered()
    {
        var users = new List<string>();
        foreach (var name in new[] { "ann", "ben", "cat", "dan" })
        {
            users.Add(await _users.UserWhoWroteAsync(name));
        }

        var id = "cli-broadcast-" + Guid.NewGuid().ToString("N")[..8];

        var run = await _cli.RunAsync("broadcast", "--channel", "emulator", "--to", $"{users[0]},{users[1]}", "--to", users[2], "--to", users[3], "--text", "All hands at 3 pm", "--id", id);
        TestContext.Current.TestOutputHelper?.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.Contains(run.StdoutLines, line => line.StartsWith($"{id}: delivered ", StringComparison.Ordinal) && line.Contains("throttled", StringComparison.Ordinal) && line.EndsWith("/s", StringComparison.Ordinal));
        Assert.StartsWith($"Broadcast {id} settled: 4 delivered, 0 failed, 0 cancelled, 0 throttled, of 4 in ", run.StdoutLines[^1], StringComparison.Ordinal);
        foreach (var user in users)
        {
            Assert.Equal(1, (await _users.TextsAsync(user)).Count(t => t == "All hands at 3 pm"));
        }
    }

    [Fact]
    public async Task Edit_then_recall_follow_until_every_copy_is_changed_and_an_edit_after_the_recall_is_refused_with_exit_code_3()
    {
        var users = new List<string> { await _users.UserWhoWroteAsync("gil"), await _users.UserWhoWroteAsync("hal") };
        var id = "cli-after-" + Guid.NewGuid().ToString("N")[..8];
        var sent = await _cli.RunAsync("broadcast", "--channel", "emulator", "--to", string.Join(',', users), "--text", "Lunch at 12", "--id", id);
        Assert.True(sent.ExitCode == 0, sent.ToString());

        var edit = await _cli.RunAsync("edit", id, "--text", "Lunch at 13");
        var recall = await _cli.RunAsync("recall", id);
        var late = await _cli.RunAsync("edit", id, "--text", "Lunch at 14");
        TestContext.Current.TestOutputHelper?.WriteLine($"{edit}\n{recall}\n{late}");

        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.StartsWith($"Edit of {id} done: delivered 2, recalled 0, edited 2, still to change 0", edit.StdoutLines[^1], StringComparison.Ordinal);
        Assert.True(recall.ExitCode == 0, recall.ToString());
        Assert.StartsWith($"Recall of {id} done: delivered 2, recalled 2, edited 2, still to change 0", recall.StdoutLines[^1], StringComparison.Ordinal);
        Assert.Equal(3, late.ExitCode);
        Assert.Contains("recalled", late.Stderr, StringComparison.Ordinal);
        foreach (var user in users)
        {
            Assert.Equal(["Lunch at 12", "Lunch at 13"], (await _users.TextsAsync(user)).Where(t => t.StartsWith("Lunch", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Status_prints_the_counts_as_a_table_and_the_recipients_as_rows_or_csv()
    {
        var eve = await _users.UserWhoWroteAsync("eve");
        var fay = await _users.UserWhoWroteAsync("fay");
        var id = "cli-status-" + Guid.NewGuid().ToString("N")[..8];
        var broadcast = await _cli.RunAsync("broadcast", "--channel", "emulator", "--to", $"{eve},{fay}", "--text", "Status check", "--id", id);
        Assert.True(broadcast.ExitCode == 0, broadcast.ToString());

        var status = await _cli.RunAsync("status", id);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("completed", Cell(status, "state"));
        Assert.Equal("2", Cell(status, "recipients"));
        Assert.Equal("2", Cell(status, "delivered"));
        Assert.Equal("0", Cell(status, "failed"));
        Assert.Equal("0", Cell(status, "pending"));
        Assert.NotEqual("-", Cell(status, "finished"));

        var recipients = await _cli.RunAsync("status", id, "--recipients");
        Assert.True(recipients.ExitCode == 0, recipients.ToString());
        Assert.Contains(recipients.StdoutLines, line => line.Contains(eve, StringComparison.Ordinal) && line.Contains("Delivered", StringComparison.Ordinal));
        Assert.Contains(recipients.StdoutLines, line => line.Contains(fay, StringComparison.Ordinal) && line.Contains("Delivered", StringComparison.Ordinal));

        var csv = await _cli.RunAsync("status", id, "--csv");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.StartsWith("channelId,userId,state", csv.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(
            [$"emulator,{eve},Delivered", $"emulator,{fay},Delivered"],
            csv.StdoutLines.Skip(1).Select(line => string.Join(',', line.Split(',').Take(3))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task References_shows_one_user_and_lists_the_channel()
    {
        var gus = await _users.UserWhoWroteAsync("gus");

        var one = await _cli.RunAsync("references", "--channel", "emulator", "--user", gus);
        var page = await _cli.RunAsync("references", "--channel", "emulator", "--limit", "500");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains(one.StdoutLines, line => line.Contains(gus, StringComparison.Ordinal) && line.Contains($"emu-{gus}", StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal));
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Contains(page.StdoutLines, line => line.Contains($"emu-{gus}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_stops_a_broadcast_scheduled_for_later_before_anyone_gets_it()
    {
        var hal = await _users.UserWhoWroteAsync("hal");
        var ivy = await _users.UserWhoWroteAsync("ivy");
        var id = "cli-cancel-" + Guid.NewGuid().ToString("N")[..8];
        // Far enough ahead that the cancel is in before it, even when starting the CLI twice is slow on a loaded
        // machine (12 s was not); the test then waits for it to come due.
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(30).ToString("O", CultureInfo.InvariantCulture);

        var scheduled = await _cli.RunAsync("broadcast", "--channel", "emulator", "--to", $"{hal},{ivy}", "--text", "Never to be read", "--id", id, "--not-before", notBefore);
        var cancelled = await _cli.RunAsync("cancel", id);

        Assert.True(scheduled.ExitCode == 0, scheduled.ToString());
        Assert.Contains("scheduled for", scheduled.Stdout, StringComparison.Ordinal);
        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        await Eventually.Until(
            async () =>
            {
                // 404 until the Dispatcher knows the broadcast (without the cancel, not before its time).
                var response = await host.Http.GetAsync($"/notifications/{id}", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["finishedAt"] is not null ? "" : null;
            },
            "the scheduled broadcast to come due and settle",
            host.Logs);
        var status = await _cli.RunAsync("status", id);
        Assert.Equal("cancelled", Cell(status, "state"));
        Assert.Equal("2", Cell(status, "cancelled"));
        Assert.Equal("0", Cell(status, "delivered"));
        Assert.DoesNotContain("Never to be read", await _users.TextsAsync(hal));
        Assert.DoesNotContain("Never to be read", await _users.TextsAsync(ivy));
    }

    [Fact]
    public async Task Survey_puts_its_first_question_into_the_users_conversation()
    {
        var jo = await _users.UserWhoWroteAsync("jo");

        var run = await _cli.RunAsync("survey", "--channel", "emulator", "--user", jo, "--title", "Lunch", "--question", "How was lunch?|Great|OK|Bad", "--question", "Anything to add?");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 questions", run.Stdout, StringComparison.Ordinal);
        await Eventually.Until(
            async () => (await _users.TextsAsync(jo)).Any(t => t.Contains("How was lunch?", StringComparison.Ordinal)) ? "" : null,
            "the survey's first question in the user's conversation",
            () => run + host.Logs());
    }

    /// <summary>The value in a status table's row, with either border Spectre chooses (Unicode or ASCII).</summary>
    private static string Cell(ProactiveCli.Run run, string row) =>
        run.StdoutLines
            .Select(line => line.Split(['│', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .FirstOrDefault(cells => cells.Length == 2 && cells[0] == row)?[1]
        ?? throw new Xunit.Sdk.XunitException($"no '{row}' row in:{Environment.NewLine}{run}");
}
