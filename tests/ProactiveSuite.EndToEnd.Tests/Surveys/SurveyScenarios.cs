using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;
using static ProactiveSuite.EndToEnd.Tests.Surveys.SurveyResultsProbe;

namespace ProactiveSuite.EndToEnd.Tests.Surveys;

/// <summary>
/// The survey story, told over the channel emulator's real HTTP: a user is in the middle of the bot's own
/// conversation (name, then city) when a survey takes it over proactively; the user answers (or types
/// done, or ignores it until it expires); the bot says it is back and asks its pending question again.
/// Each stage (RabbitMQ, embedded default) runs every story. Every test has its own user and survey id.
/// </summary>
public abstract class SurveyScenarios(ISurveyStage stage)
{
    private const string AskName = "What's your name?";
    private const string Back = "Back to the original conversation.";
    private const string LunchQuestion1 = "Question 1 of 2: How was lunch? Choose one: 1) Great, 2) OK, 3) Bad";
    private const string LunchQuestion2 = "Question 2 of 2: Anything to add?";

    protected ISurveyStage Stage => stage;

    [Fact]
    public async Task A_survey_interrupts_mid_flow_records_the_answers_and_hands_back_to_the_pending_question()
    {
        var user = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        Assert.Equal(["You sent 'hello'.", AskName], await user.StartsConversationAsync("hello"));
        Assert.Equal(["Thanks, Ada. Which city are you in?"], await user.SaysAsync("Ada"));

        await stage.StartSurveyAsync(Lunch(surveyId, user), TestContext.Current.CancellationToken);

        var opening = await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");
        Assert.EndsWith(LunchQuestion1, opening["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["'purple' is not one of the choices.", LunchQuestion1], await user.SaysAsync("purple"));
        Assert.Equal([LunchQuestion2], await user.SaysAsync("2"));
        Assert.Equal(["Thank you for answering 'Lunch'.", Back, "Which city are you in, Ada?"], await user.SaysAsync("More coffee"));
        Assert.Equal(["Nice to meet you, Ada from Paris."], await user.SaysAsync("Paris"));

        var results = await ResponseAsync(stage, surveyId, user, "completed");
        Assert.Equal([("Great", 0), ("OK", 1), ("Bad", 0)], ChoiceCounts(results, "meal"));
        Assert.Equal(["More coffee"], Question(results, "wish")["answers"]!.AsArray().Select(a => a!.GetValue<string>()));
        var response = ResponseOf(results, user);
        Assert.Equal([("meal", "OK"), ("wish", "More coffee")], AnswersOf(response));
        Assert.Equal(user.ConversationId, response["conversationId"]!.GetValue<string>());

        if (stage.Events is { } events)
        {
            var started = await Eventually.Within(ct => events.Started.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyStarted", stage.Logs);
            Assert.Equal((opening["id"]!.GetValue<string>(), user.ConversationId, user.Id), (started.ActivityId, started.ConversationId, started.Recipient.UserId));
            var completed = await Eventually.Within(ct => events.Completed.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyCompleted", stage.Logs);
            Assert.False(completed.EndedEarly);
            Assert.Equal([new SurveyAnswer("meal", "OK"), new SurveyAnswer("wish", "More coffee")], completed.Answers);
            Assert.Equal(["OK", "More coffee"], events.Answered.All().Where(e => e.SurveyId == surveyId).OrderBy(e => e.AnsweredAt).Select(e => e.Answer));
        }
    }

    [Fact]
    public async Task Typing_done_ends_the_survey_early_keeps_the_answers_given_and_picks_up_the_pending_question()
    {
        var user = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        await user.StartsConversationAsync("hi");

        await stage.StartSurveyAsync(Lunch(surveyId, user), TestContext.Current.CancellationToken);
        await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");

        Assert.Equal([LunchQuestion2], await user.SaysAsync("great"));
        Assert.Equal(["Thank you: your answers to 'Lunch' so far are recorded.", Back, AskName], await user.SaysAsync("  DONE "));
        Assert.Equal(["Thanks, Grace. Which city are you in?"], await user.SaysAsync("Grace"));

        var results = await ResponseAsync(stage, surveyId, user, "endedEarly");
        Assert.Equal([("meal", "Great")], AnswersOf(ResponseOf(results, user)));
        Assert.Equal([("Great", 1), ("OK", 0), ("Bad", 0)], ChoiceCounts(results, "meal"));
        if (stage.Events is { } events)
        {
            var completed = await Eventually.Within(ct => events.Completed.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyCompleted", stage.Logs);
            Assert.True(completed.EndedEarly);
            Assert.Equal([new SurveyAnswer("meal", "Great")], completed.Answers);
        }
    }

    [Fact]
    public async Task An_ignored_survey_expires_and_the_next_message_goes_to_the_interrupted_flow()
    {
        var user = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        await user.StartsConversationAsync("hi");

        await stage.StartSurveyAsync(Lunch(surveyId, user) with { ExpiresAfterSeconds = 1 }, TestContext.Current.CancellationToken);
        var opening = await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");
        await PassAsync(ReceivedAt(opening).AddSeconds(1));

        Assert.Equal(["The survey 'Lunch' has expired.", Back, "Thanks, Ada. Which city are you in?"], await user.SaysAsync("Ada"));

        var results = await ResponseAsync(stage, surveyId, user, "expired");
        Assert.Empty(AnswersOf(ResponseOf(results, user)));
        if (stage.Events is { } events)
        {
            var expired = await Eventually.Within(ct => events.Expired.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyExpired", stage.Logs);
            Assert.Equal(user.ConversationId, expired.ConversationId);
            Assert.True(expired.NoticedAt >= expired.ExpiresAt);
        }
    }

    [Fact]
    public async Task A_second_survey_is_refused_while_one_is_in_progress_and_the_first_carries_on()
    {
        var user = EmulatedUser.New(stage);
        var first = NewSurveyId();
        var second = NewSurveyId();
        await user.StartsConversationAsync("hi");
        await stage.StartSurveyAsync(Lunch(first, user), TestContext.Current.CancellationToken);
        await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the first survey's question");

        await stage.StartSurveyAsync(Lunch(second, user) with { Title = "Second lunch" }, TestContext.Current.CancellationToken);

        var refused = ResponseOf(await ResponseAsync(stage, second, user, "failed"), user);
        Assert.StartsWith($"SurveyInProgress: Survey '{first}' is still in progress", refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        if (stage.Events is { } events)
        {
            var failed = await Eventually.Within(ct => events.Failed.WaitForAsync(e => e.SurveyId == second, ct), "SurveyFailed", stage.Logs);
            Assert.Equal(SurveyFailureReasons.SurveyInProgress, failed.ReasonCode);
        }

        Assert.Equal([LunchQuestion2], await user.SaysAsync("Bad"));
        Assert.Equal(["Thank you for answering 'Lunch'.", Back, AskName], await user.SaysAsync("Nothing"));
        Assert.DoesNotContain(await user.ProactiveTextsAsync(), t => t.Contains("Second lunch", StringComparison.Ordinal));
    }

    /// <summary>
    /// The user answers the name question at the moment the survey starts. Either may be saved first, and
    /// both orders are right: the name goes to the introduction (and the survey then asks its first
    /// question), or the survey was saved first and the name is the answer to its first question. What may
    /// never happen is that one of the two is lost: a survey that is not running, or a message taken by no one.
    /// A survey start takes longer than a user's turn (a bus round trip to the Registry first), so each user
    /// writes at another offset after the start: some land before the survey is saved, some after, and some
    /// on it. The offsets only shape the race; the assertions hold for either order.
    /// </summary>
    [Fact]
    public async Task A_user_message_racing_a_survey_start_loses_neither()
    {
        int[] offsetsInMilliseconds = [0, 25, 50, 100, 200, 300, 450, 600, 800, 1000, 1300];
        var outcomes = await Task.WhenAll(offsetsInMilliseconds.Select(async (offset, i) =>
        {
            var user = EmulatedUser.New(stage);
            var surveyId = NewSurveyId();
            var name = "Ada" + i.ToString(CultureInfo.InvariantCulture);
            await user.StartsConversationAsync("hi");

            await stage.StartSurveyAsync(Feedback(surveyId, user), TestContext.Current.CancellationToken);
            await Task.Delay(offset, TestContext.Current.CancellationToken);
            var reply = await user.SaysAsync(name);
            await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Feedback", StringComparison.Ordinal), "the survey's first question");

            var messageFirst = reply.SequenceEqual([$"Thanks, {name}. Which city are you in?"]);
            var surveyFirst = reply.SequenceEqual(["Question 2 of 2: Anything else?"]);
            Assert.True(messageFirst || surveyFirst, $"The reply to '{name}' was neither the introduction's nor the survey's: {string.Join(" | ", reply)}");

            var pending = messageFirst ? $"Which city are you in, {name}?" : AskName;
            Assert.Equal(["Thank you: your answers to 'Feedback' so far are recorded.", Back, pending], await user.SaysAsync("done"));
            var results = await ResponseAsync(stage, surveyId, user, "endedEarly");
            Assert.Equal(messageFirst ? [] : [("improve", name)], AnswersOf(ResponseOf(results, user)));
            return messageFirst;
        }));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Saved first, by offset: {string.Join(", ", offsetsInMilliseconds.Zip(outcomes, (offset, messageFirst) => $"{offset} ms: {(messageFirst ? "message" : "survey")}"))}");
    }

    [Fact]
    public async Task Bad_surveys_get_400_with_the_reason_and_nothing_is_written()
    {
        var user = EmulatedUser.New(stage);
        await user.StartsConversationAsync("hi");
        var good = Lunch(NewSurveyId(), user);
        var bad = new (StartSurvey Command, string Reason)[]
        {
            (good with { Questions = [] }, "questions: a survey needs at least one question"),
            (good with { Questions = [good.Questions![0], good.Questions[0]] }, "duplicate question id 'meal'"),
            (good with { Questions = [good.Questions![0] with { Choices = [] }] }, "question 'meal' is a choice question with no choices"),
        };

        foreach (var (command, reason) in bad)
        {
            var response = await stage.Http.PostAsJsonAsync("/surveys", command, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["detail"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stage.Http.GetAsync($"/surveys/{good.SurveyId}/results", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(["Thanks, Ada. Which city are you in?"], await user.SaysAsync("Ada"));
        Assert.Empty(await user.ProactiveTextsAsync());
    }

    [Fact]
    public async Task An_answer_naming_an_unknown_survey_is_refused_and_recorded_nowhere()
    {
        var user = EmulatedUser.New(stage);
        await user.StartsConversationAsync("hi");
        var unknown = NewSurveyId();

        var replies = await user.SubmitsAsync(new JsonObject { ["surveyId"] = unknown, ["answer"] = "Great" });

        Assert.Equal([$"There is no survey '{unknown}' in progress here, so that answer was not recorded.", AskName], replies);
        Assert.Equal(["Thanks, Ada. Which city are you in?"], await user.SaysAsync("Ada"));
        Assert.Equal(HttpStatusCode.NotFound, (await stage.Http.GetAsync($"/surveys/{unknown}/results", TestContext.Current.CancellationToken)).StatusCode);
        if (stage.Events is { } events)
        {
            var failed = await Eventually.Within(ct => events.Failed.WaitForAsync(e => e.SurveyId == unknown, ct), "SurveyFailed", stage.Logs);
            Assert.Equal((SurveyFailureReasons.UnknownSurvey, user.Id), (failed.ReasonCode, failed.Recipient!.UserId));
        }
    }

    [Fact]
    public async Task A_survey_whose_first_question_cannot_be_delivered_is_withdrawn_and_leaves_nothing()
    {
        var user = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        // The user's stored conversation leads to a connector that answers 404 to everything. The bot's own
        // reply is refused too, for good: the turn still ends answered (a 5xx would be redelivered for ever).
        var refusingConnector = new Uri(stage.Http.BaseAddress!, "/no-connector-here");
        Assert.Equal(HttpStatusCode.Accepted, await user.WritesThroughAsync(refusingConnector, "hi"));
        await Eventually.Until(
            // Not found yet (404) is "not yet": the capture reaches the Registry over the bus.
            async () => await stage.Http.GetAsync($"/references/emulator/{user.Id}", TestContext.Current.CancellationToken) is { IsSuccessStatusCode: true } found
                && (await found.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))?["address"]?["serviceUrl"]?.GetValue<string>() == refusingConnector.ToString() ? "" : null,
            "the reference through the refusing connector",
            stage.Logs);

        await stage.StartSurveyAsync(Lunch(surveyId, user), TestContext.Current.CancellationToken);

        var failed = ResponseOf(await ResponseAsync(stage, surveyId, user, "failed"), user);
        Assert.StartsWith("ConnectorRejected: The first question could not be delivered, so the survey was withdrawn", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        if (stage.Events is { } events)
        {
            var failure = await Eventually.Within(ct => events.Failed.WaitForAsync(e => e.SurveyId == surveyId, ct), "SurveyFailed", stage.Logs);
            Assert.Equal(SurveyFailureReasons.ConnectorRejected, failure.ReasonCode);
        }

        // Back on a working channel, the conversation is where it was: no survey took it over.
        Assert.Equal(["Thanks, Ada. Which city are you in?"], await user.SaysAsync("Ada"));
    }

    [Fact]
    public async Task A_survey_started_again_after_the_user_moved_to_another_conversation_does_not_run_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        await user.StartsConversationAsync("hello");
        await stage.StartSurveyAsync(Lunch(surveyId, user), ct);
        await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");

        // The user writes from another conversation; their reference now leads there.
        var elsewhere = user.ConversationId + "-2";
        (await stage.Http.PostAsJsonAsync($"/emulator/users/{user.Id}/messages", new { text = "hello from elsewhere", conversationId = elsewhere }, ct)).EnsureSuccessStatusCode();
        await Eventually.Until(
            async () => (await stage.Http.GetFromJsonAsync<JsonObject>($"/references/emulator/{user.Id}", ct))?["address"]?["conversation"]?["id"]?.GetValue<string>() == elsewhere ? "" : null,
            "the reference of the other conversation",
            stage.Logs);

        // The same command again: surveyId and recipient are its idempotency key, whatever the conversation.
        await stage.StartSurveyAsync(Lunch(surveyId, user), ct);
        await Eventually.Until(
            () => Task.FromResult(stage.Logs().Contains($"Survey {surveyId} was opened for this recipient before", StringComparison.Ordinal) ? "" : null),
            "the Dispatcher to take the repeated StartSurvey",
            stage.Logs);

        var there = await stage.Http.GetFromJsonAsync<JsonArray>($"/emulator/conversations/{elsewhere}/activities", ct);
        Assert.DoesNotContain(there!, a => a!["text"]?.GetValue<string>()?.StartsWith("Survey: Lunch", StringComparison.Ordinal) == true);
        Assert.Single(await user.ProactiveTextsAsync(), t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_survey_id_started_again_with_other_choices_is_refused_so_its_counts_add_up()
    {
        var ada = EmulatedUser.New(stage);
        var bob = EmulatedUser.New(stage);
        var surveyId = NewSurveyId();
        await ada.StartsConversationAsync("hi");
        await bob.StartsConversationAsync("hi");
        await stage.StartSurveyAsync(Lunch(surveyId, ada), TestContext.Current.CancellationToken);
        await ada.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");

        var changed = Lunch(surveyId, bob);
        await stage.StartSurveyAsync(changed with { Questions = [changed.Questions![0] with { Choices = ["Good", "Bad"] }, changed.Questions[1]] }, TestContext.Current.CancellationToken);

        var refused = ResponseOf(await ResponseAsync(stage, surveyId, bob, "failed"), bob);
        Assert.Equal(
            $"Invalid: StartSurvey rejected: survey '{surveyId}' was first started with other questions (ids, types or choices); results are counted per survey, so a changed survey needs a new surveyId.",
            refused["reason"]!.GetValue<string>());
        Assert.Empty(await bob.ProactiveTextsAsync());
        Assert.Equal(["Thanks, Bob. Which city are you in?"], await bob.SaysAsync("Bob"));
    }

    [Fact]
    public async Task Erasing_a_user_forgets_their_conversation_state_and_survey_answers_and_only_theirs()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ada, bob) = (EmulatedUser.New(stage), EmulatedUser.New(stage));
        var surveyId = NewSurveyId();
        foreach (var (user, name) in new[] { (ada, "Ada"), (bob, "Bob") })
        {
            await user.StartsConversationAsync("hello");
            Assert.Equal([$"Thanks, {name}. Which city are you in?"], await user.SaysAsync(name));
            await stage.StartSurveyAsync(Lunch(surveyId, user), ct);
            await user.ProactiveMessageAsync(t => t.StartsWith("Survey: Lunch", StringComparison.Ordinal), "the survey's first question");
            Assert.Equal([LunchQuestion2], await user.SaysAsync("2"));
        }

        await Eventually.Until(() => AnsweredAsync(surveyId, ada, bob), "both first answers in the results", stage.Logs);

        var erasure = await stage.Http.DeleteAsync($"/users/emulator/{ada.Id}", ct);

        Assert.Equal(HttpStatusCode.Accepted, erasure.StatusCode);
        // One consumer runs a process's erasers in turn, the conversation state's before the survey answers'.
        var left = await Eventually.Until(
            async () => await ResultsAsync(surveyId) is { } results && results["responses"]!.AsArray().All(r => r!["userId"]!.GetValue<string>() != ada.Id) ? results : null,
            "Ada's response gone from the results",
            stage.Logs);
        Assert.Equal([bob.Id], left["responses"]!.AsArray().Select(r => r!["userId"]!.GetValue<string>()));
        Assert.Equal(["You sent 'Paris'.", AskName], await ada.SaysAsync("Paris"));
        Assert.Equal(["Thank you for answering 'Lunch'.", Back, "Which city are you in, Bob?"], await bob.SaysAsync("More coffee"));
    }

    private async Task<JsonObject?> ResultsAsync(string surveyId)
    {
        var response = await stage.Http.GetAsync($"/surveys/{surveyId}/results", TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken) : null;
    }

    private async Task<JsonObject?> AnsweredAsync(string surveyId, params EmulatedUser[] users) =>
        await ResultsAsync(surveyId) is { } results && users.All(u => results["responses"]!.AsArray().Any(r => r!["userId"]!.GetValue<string>() == u.Id && r["answers"]!.AsArray().Count == 1))
            ? results
            : null;

    protected static string NewSurveyId() => "survey-" + Guid.NewGuid().ToString("N")[..12];

    protected static StartSurvey Lunch(string surveyId, EmulatedUser user) => new()
    {
        SurveyId = surveyId,
        Recipient = user.Recipient,
        Title = "Lunch",
        Questions =
        [
            new SurveyQuestion { Id = "meal", Text = "How was lunch?", Type = SurveyQuestionTypes.Choice, Choices = ["Great", "OK", "Bad"] },
            new SurveyQuestion { Id = "wish", Text = "Anything to add?", Type = SurveyQuestionTypes.FreeText },
        ],
    };

    private static StartSurvey Feedback(string surveyId, EmulatedUser user) => new()
    {
        SurveyId = surveyId,
        Recipient = user.Recipient,
        Title = "Feedback",
        Questions =
        [
            new SurveyQuestion { Id = "improve", Text = "What should we improve?", Type = SurveyQuestionTypes.FreeText },
            new SurveyQuestion { Id = "else", Text = "Anything else?", Type = SurveyQuestionTypes.FreeText },
        ],
    };

    private static DateTimeOffset ReceivedAt(JsonObject activity) =>
        DateTimeOffset.Parse(activity["receivedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the clock has passed <paramref name="instant"/> (the host's clock and this one are the
    /// machine's). A precondition, not a measurement: nothing asserts how long anything took.
    /// </summary>
    private static async Task PassAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }
    }
}
