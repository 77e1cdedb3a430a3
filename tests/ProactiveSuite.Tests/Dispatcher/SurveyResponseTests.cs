using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Tests.Conversations;

namespace ProactiveSuite.Tests.Dispatcher;

/// <summary>The results read model: events in any order and more than once give the same response.</summary>
public class SurveyResponseTests
{
    private static readonly DateTimeOffset T0 = SurveyScenario.T0;
    private static readonly Recipient Ada = new("Emulator", "user-ada");

    public static TheoryData<int> Orders => [.. Enumerable.Range(0, 24)];

    [Theory]
    [MemberData(nameof(Orders))]
    public void Any_order_and_any_repetition_of_the_events_gives_the_same_response(int order)
    {
        var news = AllNews();
        var shuffled = Permutation(news, order);

        var response = shuffled.Concat(shuffled.Take(2)).Aggregate((SurveyResponse?)null, SurveyResponse.Merge)!;

        Assert.Equal(SurveyResponseStatus.Completed, response.Status);
        Assert.Equal(("emulator", "user-ada", "emu-ada"), (response.ChannelId, response.UserId, response.ConversationId));
        Assert.Equal(new Dictionary<string, string> { ["meal"] = "OK", ["wish"] = "More coffee" }, response.Answers);
        Assert.Equal(T0, response.StartedAt);
        Assert.Equal(T0.AddMinutes(2), response.EndedAt);
        Assert.Null(response.Reason);
    }

    [Fact]
    public void A_failed_start_does_not_overwrite_a_response_and_the_first_ending_wins()
    {
        var response = new[]
        {
            ResponseNews.From(new SurveyStarted("lunch", Ada, "emu-ada", "a1", T0.AddDays(1), T0)),
            ResponseNews.From(new SurveyExpired("lunch", Ada, "emu-ada", [], T0.AddDays(1), T0.AddDays(1))),
            ResponseNews.From(new SurveyCompleted("lunch", Ada, "emu-ada", [], EndedEarly: true, T0.AddDays(2))),
            ResponseNews.From(new SurveyFailed("lunch", Ada, SurveyFailureReasons.AlreadyTaken, "ran before", T0.AddDays(3)))!,
        }.Aggregate((SurveyResponse?)null, SurveyResponse.Merge)!;

        Assert.Equal(SurveyResponseStatus.Expired, response.Status);
        Assert.Equal(T0.AddDays(1), response.EndedAt);
    }

    [Fact]
    public void A_refused_start_is_a_failed_response_with_its_reason_until_the_survey_starts()
    {
        var refused = SurveyResponse.Merge(null, ResponseNews.From(new SurveyFailed("lunch", Ada, SurveyFailureReasons.SurveyInProgress, "busy", T0))!);
        Assert.Equal((SurveyResponseStatus.Failed, "SurveyInProgress: busy"), (refused.Status, refused.Reason));

        var started = SurveyResponse.Merge(refused, ResponseNews.From(new SurveyStarted("lunch", Ada, "emu-ada", "a1", T0.AddDays(1), T0.AddHours(1))));
        Assert.Equal((SurveyResponseStatus.InProgress, (string?)null), (started.Status, started.Reason));
    }

    [Fact]
    public void An_answer_for_an_unknown_survey_is_nobodys_response() =>
        Assert.Null(ResponseNews.From(new SurveyFailed("nope", Ada, SurveyFailureReasons.UnknownSurvey, "not here", T0)));

    [Fact]
    public void Results_count_each_choice_and_list_free_text_answers()
    {
        var definition = SurveyDefinition.From(SurveyScenario.Lunch(), T0);
        SurveyResponse Response(string user, string status, params (string Question, string Answer)[] answers) =>
            new("lunch", "emulator", user, "emu-" + user, status, null, answers.ToDictionary(a => a.Question, a => a.Answer), T0, null);

        var results = SurveyResults.Tally(definition,
        [
            Response("a", SurveyResponseStatus.Completed, ("meal", "Great"), ("wish", "More coffee")),
            Response("b", SurveyResponseStatus.EndedEarly, ("meal", "Great")),
            Response("c", SurveyResponseStatus.InProgress, ("meal", "Bad")),
            Response("d", SurveyResponseStatus.Failed),
        ]);

        Assert.Equal(new RespondentCounts(4, 1, 1, 1, 0, 1), results.Respondents);
        Assert.Equal([new ChoiceCount("Great", 2), new ChoiceCount("OK", 0), new ChoiceCount("Bad", 1)], results.Questions[0].Choices!);
        Assert.Equal(3, results.Questions[0].Answered);
        Assert.Equal(["More coffee"], results.Questions[1].Answers!);
    }

    [Fact]
    public void A_survey_asks_the_same_when_only_its_wording_changed()
    {
        var first = SurveyDefinition.From(SurveyScenario.Lunch(), T0);
        var reworded = SurveyScenario.Lunch() with { Title = "Lunch!", Questions = [.. SurveyScenario.Lunch().Questions!.Select(q => q with { Text = q.Text + "?" })] };
        var rechosen = SurveyScenario.Lunch() with { Questions = [SurveyScenario.Lunch().Questions![0] with { Choices = ["Great", "Bad"] }, SurveyScenario.Lunch().Questions![1]] };

        Assert.True(first.AsksTheSameAs(SurveyDefinition.From(reworded, T0)));
        Assert.False(first.AsksTheSameAs(SurveyDefinition.From(rechosen, T0)));
    }

    private static List<ResponseNews> AllNews() =>
    [
        ResponseNews.From(new SurveyStarted("lunch", Ada, "emu-ada", "a1", T0.AddDays(1), T0)),
        ResponseNews.From(new SurveyAnswered("lunch", Ada, "emu-ada", "meal", "OK", T0.AddMinutes(1))),
        ResponseNews.From(new SurveyAnswered("lunch", Ada, "emu-ada", "wish", "More coffee", T0.AddMinutes(2))),
        ResponseNews.From(new SurveyCompleted("lunch", Ada, "emu-ada", [new SurveyAnswer("meal", "OK"), new SurveyAnswer("wish", "More coffee")], EndedEarly: false, T0.AddMinutes(2))),
    ];

    private static List<T> Permutation<T>(List<T> items, int index)
    {
        var pool = new List<T>(items);
        var result = new List<T>();
        for (var n = pool.Count; n > 0; n--)
        {
            var factorial = Enumerable.Range(1, n - 1).Aggregate(1, (a, b) => a * b);
            result.Add(pool[index / factorial]);
            pool.RemoveAt(index / factorial);
            index %= factorial;
        }

        return result;
    }
}
