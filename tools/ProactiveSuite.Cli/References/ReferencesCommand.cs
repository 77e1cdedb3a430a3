using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using Spectre.Console;

namespace ProactiveSuite.Cli.References;

/// <summary>`proactive references`: one user's stored conversation reference, or a page of them (the Registry's GET /references).</summary>
public static class ReferencesCommand
{
    public static Command Create()
    {
        var channel = RecipientOptions.Channel("Only this channel (with --user: that user's reference).", required: false);
        var user = new Option<string?>("--user", "-u") { Description = "One user's reference (needs --channel)." };
        var limit = new Option<int>("--limit") { Description = "References per page (1-500).", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--after") { Description = "Start after this cursor (printed under the previous page)." };

        var command = new Command("references", "List stored conversation references: the users the bot can speak to first.") { channel, user, limit, after };
        command.Validators.Add(result =>
        {
            if (result.GetValue(user) is not null && result.GetValue(channel) is null)
            {
                result.AddError("--user needs --channel: a user id is only unique within its channel.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var api = ConnectionOptions.Connect(parseResult);
            var channelId = parseResult.GetValue(channel);
            if (parseResult.GetValue(user) is { } userId)
            {
                var one = await api.GetAsync<StoredReferenceView>(OperatorService.Registry, $"references/{Uri.EscapeDataString(channelId!)}/{Uri.EscapeDataString(userId)}", cancellationToken);
                AnsiConsole.Write(ReferenceTable.Of([one]));
                return ExitCodes.Success;
            }

            var query = $"references?limit={parseResult.GetValue(limit)}"
                + (channelId is null ? "" : $"&channelId={Uri.EscapeDataString(channelId)}")
                + (parseResult.GetValue(after) is { } cursor ? $"&after={Uri.EscapeDataString(cursor)}" : "");
            var page = await api.GetAsync<ReferencePage>(OperatorService.Registry, query, cancellationToken);
            AnsiConsole.Write(ReferenceTable.Of(page.Items));
            AnsiConsole.MarkupLineInterpolated($"{page.Items.Count} references.");
            if (page.Next is { } next)
            {
                AnsiConsole.MarkupLineInterpolated($"more: proactive references{(channelId is null ? "" : $" --channel {channelId}")} --after {next}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
