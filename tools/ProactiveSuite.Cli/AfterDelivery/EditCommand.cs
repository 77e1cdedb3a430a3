using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Cli.Status;
using ProactiveSuite.Contracts.Notifications;
using Spectre.Console;

namespace ProactiveSuite.Cli.AfterDelivery;

/// <summary>`proactive edit &lt;id&gt; --text …`: replace a notification's content (POST /notifications/{id}/edit), followed until every copy shows it.</summary>
public static class EditCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The notification or broadcast id." };
        var text = new Option<string>("--text", "-t") { Description = "The new message.", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the edit is accepted instead of following it." };
        var command = new Command("edit", "Edit a notification or broadcast: update every delivered copy; the rest get the new text.") { id, text, noWait };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notificationId = parseResult.GetRequiredValue(id);
            using var api = ConnectionOptions.Connect(parseResult);
            var before = await api.GetAsync<NotificationStatus>(OperatorService.Dispatcher, NotificationStatus.Path(notificationId), cancellationToken);
            await api.PostAsync<Accepted>(
                OperatorService.Dispatcher, $"notifications/{Uri.EscapeDataString(notificationId)}/edit", new EditNotification { Text = parseResult.GetRequiredValue(text) }, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Edit of [bold]{notificationId}[/] accepted.");
            if (!parseResult.GetValue(noWait))
            {
                await CopyChangeProgress.FollowAsync(api, notificationId, "Edit", status => status.EditRequestedAt != before.EditRequestedAt, cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
