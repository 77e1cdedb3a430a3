using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using Spectre.Console;

namespace ProactiveSuite.Cli.AfterDelivery;

/// <summary>`proactive recall &lt;id&gt;`: take a notification back (POST /notifications/{id}/recall), followed until every copy is deleted.</summary>
public static class RecallCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The notification or broadcast id." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the recall is accepted instead of following it." };
        var command = new Command("recall", "Recall a notification or broadcast: delete every delivered copy and cancel the rest.") { id, noWait };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notificationId = parseResult.GetRequiredValue(id);
            using var api = ConnectionOptions.Connect(parseResult);
            await api.PostAsync<Accepted>(OperatorService.Dispatcher, $"notifications/{Uri.EscapeDataString(notificationId)}/recall", null, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Recall of [bold]{notificationId}[/] accepted.");
            if (!parseResult.GetValue(noWait))
            {
                await CopyChangeProgress.FollowAsync(api, notificationId, "Recall", status => status.RecallRequested, cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
