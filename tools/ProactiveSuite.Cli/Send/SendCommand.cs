using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Contracts.Notifications;
using Spectre.Console;

namespace ProactiveSuite.Cli.Send;

/// <summary>`proactive send`: one notification to one user or group conversation (POST /notifications).</summary>
public static class SendCommand
{
    public static Command Create()
    {
        var channel = RecipientOptions.Channel("The user's channel, e.g. msteams or emulator.", required: true);
        var user = RecipientOptions.User("The user's id in that channel (Teams: 29:...); or --conversation.");
        user.Required = false;
        var conversation = RecipientOptions.Conversation("Instead of --user: a group chat or Teams channel the bot was added to (Teams: 19:...); a channel gets a new post.");
        var tenant = RecipientOptions.Tenant("The user's tenant; needed to create a Teams conversation.");
        var text = new Option<string>("--text", "-t") { Description = "The message.", Required = true };
        var id = new Option<string?>("--id") { Description = "The notification id, the idempotency key (default: generated)." };
        var createConversation = new Option<bool>("--create-conversation") { Description = "Open a new one-to-one conversation if none is stored for the user." };

        var command = new Command("send", "Send one notification to one user, group chat or Teams channel.") { channel, user, conversation, tenant, text, id, createConversation };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(user) is null) == (result.GetValue(conversation) is null))
            {
                result.AddError("Give either --user or --conversation.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var notification = new SendNotification
            {
                NotificationId = parseResult.GetValue(id),
                Recipient = new Recipient(parseResult.GetRequiredValue(channel), parseResult.GetValue(user), parseResult.GetValue(tenant), parseResult.GetValue(conversation)),
                Text = parseResult.GetRequiredValue(text),
                CreateConversationIfMissing = parseResult.GetValue(createConversation),
            };
            using var api = ConnectionOptions.Connect(parseResult);
            var accepted = await api.PostAsync<Accepted>(OperatorService.Dispatcher, "notifications", notification, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Notification [bold]{accepted.NotificationId}[/] accepted for {notification.Recipient.ChannelId}/{notification.Recipient.UserId ?? notification.Recipient.ConversationId}. Follow it: proactive status {accepted.NotificationId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
