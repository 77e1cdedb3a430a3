using System.Diagnostics;
using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProactiveSuite.Bench.Measurements;

/// <summary>
/// The classic proactive-messages sample's approach, as its NotifyController does it: for each stored conversation
/// reference, one <c>ContinueConversationAsync</c> after another, each sending one message, on the Bot Framework
/// SDK's <see cref="CloudAdapter"/>, against the same emulator with the same latency.
/// </summary>
public static class SequentialSample
{
    private const int WarmUpCalls = 5;

    public static async Task<SequentialResult> MeasureAsync(Uri emulator, int calls, CancellationToken cancellationToken)
    {
        // No app id, as the emulator wants: the adapter then sends without a token.
        var authentication = new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build());
        var adapter = new CloudAdapter(authentication, NullLogger<CloudAdapter>.Instance);
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await NotifyAsync(adapter, emulator, $"sample-warmup-{i}", cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await NotifyAsync(adapter, emulator, string.Create(CultureInfo.InvariantCulture, $"sample-{i:D5}"), cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new SequentialResult(calls, Math.Round(seconds, 2), Math.Round(calls / seconds, 2), Math.Round(seconds / calls * 1000, 1));
    }

    private static Task NotifyAsync(CloudAdapter adapter, Uri emulator, string user, CancellationToken cancellationToken)
    {
        var reference = new ConversationReference
        {
            ChannelId = "emulator",
            ServiceUrl = emulator.ToString(),
            Conversation = new ConversationAccount(id: "emu-" + user),
            User = new ChannelAccount(user),
            Bot = new ChannelAccount("bot-proactive", "ProactiveBot"),
        };
        return adapter.ContinueConversationAsync(
            string.Empty,
            reference,
            (turn, ct) => turn.SendActivityAsync(MessageFactory.Text("proactive hello"), ct),
            cancellationToken);
    }
}

/// <param name="Calls">Sequential ContinueConversationAsync calls measured (after a warm-up).</param>
/// <param name="Seconds">How long they took.</param>
/// <param name="PerSecond">Calls / Seconds.</param>
/// <param name="MillisecondsPerCall">The average call.</param>
public sealed record SequentialResult(int Calls, double Seconds, double PerSecond, double MillisecondsPerCall);
