using System.Text.Json;
using ProactiveSuite.Conversations.Flows;

namespace ProactiveSuite.Gateway.Conversation;

/// <summary>
/// The bot's own conversation: it echoes the first message, asks the user's name, then their city, and
/// then echoes what they write. Two questions in a row give a survey something worth interrupting: taken
/// back after the survey, it asks the question it was waiting for, and remembers the name it was told.
/// </summary>
public sealed class IntroductionFlow : IDefaultConversationFlow
{
    public const string FlowName = "introduction";
    public const string AskName = "What's your name?";
    public const int MaxNameLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => FlowName;

    public FlowFrame Begin() => FrameOf(new Introduction(IntroductionStep.Greeting, null, null));

    public FlowStep Handle(FlowFrame frame, UserMessage message, DateTimeOffset now)
    {
        var introduction = IntroductionOf(frame);
        var text = message.Text?.Trim() ?? "";
        switch (introduction.Step)
        {
            case IntroductionStep.Greeting:
                return FlowStep.Stay(FrameOf(introduction with { Step = IntroductionStep.Name }), Echo(message), AskName);
            case IntroductionStep.Name when text.Length == 0:
                return FlowStep.Stay(frame, AskName);
            case IntroductionStep.Name:
                var name = Shorten(text);
                return FlowStep.Stay(FrameOf(introduction with { Step = IntroductionStep.City, UserName = name }), $"Thanks, {name}. Which city are you in?");
            case IntroductionStep.City when text.Length == 0:
                return FlowStep.Stay(frame, AskCity(introduction));
            case IntroductionStep.City:
                var city = Shorten(text);
                return FlowStep.Stay(
                    FrameOf(introduction with { Step = IntroductionStep.Acquainted, City = city }),
                    $"Nice to meet you, {introduction.UserName} from {city}.");
            default:
                return FlowStep.Stay(frame, Echo(message));
        }
    }

    public IReadOnlyList<string> PickUp(FlowFrame frame)
    {
        var introduction = IntroductionOf(frame);
        return introduction.Step switch
        {
            IntroductionStep.Name => [AskName],
            IntroductionStep.City => [AskCity(introduction)],
            _ => [],
        };
    }

    /// <summary>Getting to know someone does not expire.</summary>
    public FlowEnding Expire(FlowFrame frame, DateTimeOffset now) => new([], []);

    private static string Echo(UserMessage message) => $"You sent '{message.Text}'.";

    private static string AskCity(Introduction introduction) => $"Which city are you in, {introduction.UserName}?";

    private static string Shorten(string text) => text.Length > MaxNameLength ? text[..MaxNameLength] : text;

    private static Introduction IntroductionOf(FlowFrame frame) =>
        JsonSerializer.Deserialize<Introduction>(frame.State, Json) ?? new Introduction(IntroductionStep.Greeting, null, null);

    private static FlowFrame FrameOf(Introduction introduction) =>
        new(FlowName, FlowName, JsonSerializer.Serialize(introduction, Json));

    private enum IntroductionStep
    {
        Greeting,
        Name,
        City,
        Acquainted,
    }

    private sealed record Introduction(IntroductionStep Step, string? UserName, string? City);
}
