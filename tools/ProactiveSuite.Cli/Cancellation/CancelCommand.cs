using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using Spectre.Console;

namespace ProactiveSuite.Cli.Cancellation;

/// <summary>`proactive cancel &lt;id&gt;`: stop a notification's undelivered rest (POST /notifications/{id}/cancel).</summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The notification or broadcast id." };
        var command = new Command("cancel", "Cancel a notification or broadcast: recipients not yet posted to are not.") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notificationId = parseResult.GetRequiredValue(id);
            using var api = ConnectionOptions.Connect(parseResult);
            await api.PostAsync<Accepted>(OperatorService.Dispatcher, $"notifications/{Uri.EscapeDataString(notificationId)}/cancel", null, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Cancellation of [bold]{notificationId}[/] requested. Its status: proactive status {notificationId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
