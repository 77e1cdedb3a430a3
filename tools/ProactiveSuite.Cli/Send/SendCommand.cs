using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Contracts.Notifications;
using Spectre.Console;

namespace ProactiveSuite.Cli.Send;

/// <summary>`proactive send`: one notification to one user (POST /notifications).</summary>
public static class SendCommand
{
    public static Command Create()
    {
        var channel = RecipientOptions.Channel("The user's channel, e.g. msteams or emulator.", required: true);
        var user = RecipientOptions.User("The user's id in that channel (Teams: 29:...).");
        var tenant = RecipientOptions.Tenant("The user's tenant; needed to create a Teams conversation.");
        var text = new Option<string>("--text", "-t") { Description = "The message.", Required = true };
        var id = new Option<string?>("--id") { Description = "The notification id, the idempotency key (default: generated)." };
        var createConversation = new Option<bool>("--create-conversation") { Description = "Open a new one-to-one conversation if none is stored for the user." };

        var command = new Command("send", "Send one notification to one user.") { channel, user, tenant, text, id, createConversation };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notification = new SendNotification
            {
                NotificationId = parseResult.GetValue(id),
                Recipient = new Recipient(parseResult.GetRequiredValue(channel), parseResult.GetRequiredValue(user), parseResult.GetValue(tenant)),
                Text = parseResult.GetRequiredValue(text),
                CreateConversationIfMissing = parseResult.GetValue(createConversation),
            };
            using var api = ConnectionOptions.Connect(parseResult);
            var accepted = await api.PostAsync<Accepted>(OperatorService.Dispatcher, "notifications", notification, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Notification [bold]{accepted.NotificationId}[/] accepted for {notification.Recipient.ChannelId}/{notification.Recipient.UserId}. Follow it: proactive status {accepted.NotificationId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
