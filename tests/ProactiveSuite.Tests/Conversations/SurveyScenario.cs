using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Conversations.Flows;
using ProactiveSuite.Conversations.Surveys;
using ProactiveSuite.Gateway.Conversation;

namespace ProactiveSuite.Tests.Conversations;

/// <summary>The flows as the Gateway has them, a survey to run, and messages from one user.</summary>
internal static class SurveyScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static ConversationFlowCatalog Flows { get; } = new([new IntroductionFlow(), new SurveyFlow()]);

    public static StartSurvey Lunch(string surveyId = "lunch", int? expiresAfterSeconds = null) => new()
    {
        SurveyId = surveyId,
        Recipient = new Recipient("emulator", "user-ada"),
        Title = "Lunch",
        Questions =
        [
            new SurveyQuestion { Id = "meal", Text = "How was lunch?", Type = SurveyQuestionTypes.Choice, Choices = ["Great", "OK", "Bad"] },
            new SurveyQuestion { Id = "wish", Text = "Anything to add?", Type = SurveyQuestionTypes.FreeText },
        ],
        ExpiresAfterSeconds = expiresAfterSeconds,
    };

    public static FlowFrame LunchFrame(DateTimeOffset? at = null, TimeSpan? expiresAfter = null, string surveyId = "lunch") =>
        SurveyFlow.Begin(Lunch(surveyId), "emu-ada", at ?? T0, expiresAfter ?? TimeSpan.FromHours(1));

    public static UserMessage Says(string text, string? activityId = null, IReadOnlyDictionary<string, string>? submitted = null) =>
        new("emulator", "emu-ada", "user-ada", text, activityId ?? Guid.NewGuid().ToString("N"), submitted);

    /// <summary>Takes the messages one after another, as the Gateway would, and returns the state and every reply.</summary>
    public static (ConversationFlowState State, List<string> Replies, List<object> Events) Converse(ConversationFlowState state, DateTimeOffset at, params string[] messages)
    {
        var replies = new List<string>();
        var events = new List<object>();
        foreach (var text in messages)
        {
            var change = ConversationTurn.Take(state, Says(text), Flows, at);
            state = change.Next ?? state;
            replies.AddRange(change.Result.Replies);
            events.AddRange(change.Result.Events);
        }

        return (state, replies, events);
    }
}
