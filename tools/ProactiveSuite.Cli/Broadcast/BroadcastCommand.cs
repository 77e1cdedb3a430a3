using System.CommandLine;
using System.Globalization;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Contracts.Notifications;
using Spectre.Console;

namespace ProactiveSuite.Cli.Broadcast;

/// <summary>`proactive broadcast`: one message to many users (POST /broadcasts), followed live until it settles.</summary>
public static class BroadcastCommand
{
    public static Command Create()
    {
        var channel = RecipientOptions.Channel("The channel: with no --to or --to-file, everyone reachable in it gets the message.", required: false);
        var tenant = RecipientOptions.Tenant("Only this tenant's users of --channel (and the tenant of listed users that name none).");
        var to = new Option<string[]>("--to") { Description = "User ids in --channel (repeat, or separate with commas).", AllowMultipleArgumentsPerToken = true };
        var toFile = new Option<FileInfo?>("--to-file") { Description = "A file of recipients, one per line: userId, or channelId,userId[,tenantId]." };
        var text = new Option<string>("--text", "-t") { Description = "The message.", Required = true };
        var id = new Option<string?>("--id") { Description = "The broadcast id, the idempotency key (default: generated)." };
        var createConversation = new Option<bool>("--create-conversation") { Description = "Open a new one-to-one conversation for listed users who have none stored." };
        var notBefore = new Option<DateTimeOffset?>("--not-before")
        {
            Description = "Hold delivery until then (ISO-8601, e.g. 2026-11-25T15:00:00Z); the command then does not wait.",
            CustomParser = result =>
            {
                var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    return when;
                }

                result.AddError($"--not-before must be a time such as 2026-11-25T15:00:00Z, not '{value}'.");
                return null;
            },
        };
        var scope = new Option<string?>("--scope")
        {
            Description = "With --channel alone: personal (every user, the default), groupChats, channels (every Teams channel the bot can post into) or teams (one post per team).",
        };
        scope.AcceptOnlyFromAmong(BroadcastScopes.Personal, BroadcastScopes.GroupChats, BroadcastScopes.Channels, BroadcastScopes.Teams);
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the broadcast is accepted instead of following its progress." };

        var command = new Command("broadcast", "Send one message to many users and follow its progress until it settles.")
        {
            channel, tenant, to, toFile, text, id, createConversation, notBefore, scope, noWait,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var broadcast = new SendBroadcast
            {
                NotificationId = parseResult.GetValue(id),
                Audience = await BroadcastAudienceReader.ReadAsync(parseResult.GetValue(channel), parseResult.GetValue(tenant), parseResult.GetValue(to) ?? [], parseResult.GetValue(toFile), cancellationToken, parseResult.GetValue(scope)),
                Text = parseResult.GetRequiredValue(text),
                CreateConversationIfMissing = parseResult.GetValue(createConversation),
                NotBefore = parseResult.GetValue(notBefore),
            };
            using var api = ConnectionOptions.Connect(parseResult);
            var accepted = await api.PostAsync<Accepted>(OperatorService.Dispatcher, "broadcasts", broadcast, cancellationToken);
            var broadcastId = accepted.NotificationId!;
            var audience = broadcast.Audience.Recipients is { } listed ? $"{listed.Count} recipients" : $"{broadcast.Audience.Scope ?? "everyone"} in {broadcast.Audience.ChannelId}";
            if (broadcast.NotBefore is { } when && when > DateTimeOffset.UtcNow)
            {
                AnsiConsole.MarkupLineInterpolated($"Broadcast [bold]{broadcastId}[/] to {audience} scheduled for {when:O}. Follow it then: proactive status {broadcastId}");
                return ExitCodes.Success;
            }

            AnsiConsole.MarkupLineInterpolated($"Broadcast [bold]{broadcastId}[/] to {audience} accepted.");
            if (parseResult.GetValue(noWait))
            {
                AnsiConsole.MarkupLineInterpolated($"Follow it: proactive status {broadcastId}");
                return ExitCodes.Success;
            }

            await BroadcastProgressView.FollowAsync(api, broadcastId, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
