using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using ProactiveSuite.Gateway.Conversation;
using ProactiveSuite.Gateway.ReadReceipts;

namespace ProactiveSuite.Gateway.Bot;

/// <summary>
/// The bot users talk to. Like the classic proactive-messages sample it greets new users, telling them
/// it now knows where to reach them. Their messages go to the conversation's flows (getting to know the
/// user, or a survey that interrupted that), which decide what to answer.
/// </summary>
public sealed class ProactiveBot(ConversationTurns turns, ReadReceiptForwarding readReceipts, TimeProvider clock) : ActivityHandler
{
    public const string Welcome =
        "Welcome to ProactiveSuite! I have saved your address, so from now on I can send you notifications here.";

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        // In Teams personal chat only the bot is "added" when the user installs it; elsewhere the user is.
        membersAdded.Count > 0
            ? turnContext.SendActivityAsync(MessageFactory.Text(Welcome), cancellationToken)
            : Task.CompletedTask;

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var replies = await turns.TakeAsync(ActivityMessage.From(turnContext.Activity), cancellationToken);
        if (replies.Count > 0)
        {
            await turnContext.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], cancellationToken);
        }
    }

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (ReadReceiptActivity.Is(turnContext.Activity) && ReadReceiptActivity.ToReceipt(turnContext.Activity, clock.GetUtcNow()) is { } receipt)
        {
            await readReceipts.ForwardAsync(receipt, cancellationToken);
        }
    }
}
