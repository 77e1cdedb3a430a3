using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using Spectre.Console;

namespace ProactiveSuite.Cli.Status;

/// <summary>`proactive status &lt;id&gt;`: a notification's counts as a table; its recipients as a table or CSV.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The notification or broadcast id." };
        var recipients = new Option<bool>("--recipients") { Description = "List the recipients, one row each, instead of the counts." };
        var csv = new Option<bool>("--csv") { Description = "Every recipient as CSV on stdout (implies --recipients)." };
        var limit = new Option<int>("--limit") { Description = "Recipients per page (1-1000).", DefaultValueFactory = _ => 100 };
        var after = new Option<string?>("--after") { Description = "Start the recipient list after this cursor (printed under the previous page)." };

        var command = new Command("status", "Show how a notification or broadcast stands.") { id, recipients, csv, limit, after };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notificationId = parseResult.GetRequiredValue(id);
            var path = NotificationStatus.Path(notificationId);
            using var api = ConnectionOptions.Connect(parseResult);
            if (parseResult.GetValue(csv))
            {
                // The CSV is the ledger's: an unknown id would just be an empty export, so ask for the status first.
                await api.GetAsync<NotificationStatus>(OperatorService.Dispatcher, path, cancellationToken);
                await using var stdout = Console.OpenStandardOutput();
                await api.CopyToAsync(OperatorService.Dispatcher, $"{path}/recipients.csv", stdout, cancellationToken);
                return ExitCodes.Success;
            }

            var status = await api.GetAsync<NotificationStatus>(OperatorService.Dispatcher, path, cancellationToken);
            if (!parseResult.GetValue(recipients))
            {
                AnsiConsole.Write(StatusTable.Of(status));
                return ExitCodes.Success;
            }

            var query = $"{path}/recipients?limit={parseResult.GetValue(limit)}" + (parseResult.GetValue(after) is { } cursor ? $"&after={Uri.EscapeDataString(cursor)}" : "");
            var page = await api.GetAsync<RecipientPage>(OperatorService.Dispatcher, query, cancellationToken);
            AnsiConsole.Write(RecipientTable.Of(page));
            if (page.Next is { } next)
            {
                AnsiConsole.MarkupLineInterpolated($"more: proactive status {notificationId} --recipients --after {next}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
