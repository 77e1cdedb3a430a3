using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>
/// The bot users talk to. Like the classic proactive-messages sample it greets new users, telling them
/// it now knows where to reach them, and echoes what they write.
/// </summary>
public sealed class ProactiveBot : ActivityHandler
{
    public const string Welcome =
        "Welcome to ProactiveSuite! I have saved your address, so from now on I can send you notifications here.";

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        // In Teams personal chat only the bot is "added" when the user installs it; elsewhere the user is.
        membersAdded.Count > 0
            ? turnContext.SendActivityAsync(MessageFactory.Text(Welcome), cancellationToken)
            : Task.CompletedTask;

    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(MessageFactory.Text($"You sent '{turnContext.Activity.Text}'."), cancellationToken);
}
