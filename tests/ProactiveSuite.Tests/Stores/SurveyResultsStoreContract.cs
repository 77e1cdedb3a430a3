using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Surveys.Responses;
using ProactiveSuite.Dispatcher.Surveys.Responses.Stores;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Storage;
using ProactiveSuite.Tests.Conversations;

namespace ProactiveSuite.Tests.Stores;

public sealed class SurveyResultsOnEmbeddedStore() : SurveyResultsStoreContract(new EmbeddedStoreUnderTest());

public sealed class SurveyResultsOnMongoDb() : SurveyResultsStoreContract(new MongoStoreUnderTest());

/// <summary>What every <see cref="ISurveyResultsStore"/> adapter must do; each adapter runs this same suite.</summary>
public abstract class SurveyResultsStoreContract(StoreUnderTest store) : StoreContract(store)
{
    private static readonly DateTimeOffset T0 = SurveyScenario.T0;

    private ISurveyResultsStore Results { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Results = Store.Open<ISurveyResultsStore, SurveyResultsStore>();
    }

    [Fact]
    public async Task The_first_definition_of_a_survey_is_kept()
    {
        var first = SurveyDefinition.From(SurveyScenario.Lunch(), T0);
        var second = first with { Title = "Renamed", FirstStartedAt = T0.AddDays(1) };

        Assert.Equal("Lunch", (await Results.RecordDefinitionAsync(first, default)).Title);
        var stored = await Results.RecordDefinitionAsync(second, default);

        Assert.Equal("Lunch", stored.Title);
        Assert.Equal(T0, stored.FirstStartedAt);
        Assert.True(stored.AsksTheSameAs(first));
        Assert.Equal("Lunch", (await Results.FindDefinitionAsync("lunch", default))!.Title);
        Assert.Null(await Results.FindDefinitionAsync("unknown", default));
    }

    [Fact]
    public async Task Erasing_a_respondent_removes_their_responses_to_every_survey_and_only_theirs()
    {
        var ada = new Recipient("emulator", "user-ada");
        var bob = new Recipient("emulator", "user-bob");
        await Results.RecordDefinitionAsync(SurveyDefinition.From(SurveyScenario.Lunch(), T0), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyAnswered("lunch", ada, "emu-ada", "meal", "OK", T0)), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyAnswered("other", ada, "emu-ada", "q", "yes", T0)), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyAnswered("lunch", bob, "emu-bob", "meal", "Great", T0)), default);

        Assert.Equal(2, await Results.EraseRespondentAsync(UserKey.From("emulator", "user-ada").Value, default));
        Assert.Equal(0, await Results.EraseRespondentAsync(UserKey.From("emulator", "user-ada").Value, default));

        Assert.Equal(["user-bob"], (await Results.ResponsesAsync("lunch", default)).Select(r => r.UserId));
        Assert.Empty(await Results.ResponsesAsync("other", default));
        Assert.NotNull(await Results.FindDefinitionAsync("lunch", default));
    }

    [Fact]
    public async Task Responses_are_merged_per_respondent_and_listed_per_survey()
    {
        var ada = new Recipient("emulator", "user-ada");
        var bob = new Recipient("emulator", "user-bob");
        await Results.RecordAsync(ResponseNews.From(new SurveyStarted("lunch", ada, "emu-ada", "a1", T0.AddDays(1), T0)), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyAnswered("lunch", ada, "emu-ada", "meal", "OK", T0.AddMinutes(1))), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyCompleted("lunch", ada, "emu-ada", [new SurveyAnswer("meal", "OK")], EndedEarly: true, T0.AddMinutes(2))), default);
        await Results.RecordAsync(ResponseNews.From(new SurveyFailed("lunch", bob, SurveyFailureReasons.NoReference, "never wrote", T0))!, default);
        await Results.RecordAsync(ResponseNews.From(new SurveyStarted("other", ada, "emu-ada", "a2", T0.AddDays(1), T0)), default);

        var responses = await Results.ResponsesAsync("lunch", default);

        Assert.Equal(["user-ada", "user-bob"], responses.Select(r => r.UserId));
        var adas = responses[0];
        Assert.Equal((SurveyResponseStatus.EndedEarly, "emu-ada", T0, T0.AddMinutes(2)), (adas.Status, adas.ConversationId, adas.StartedAt!.Value, adas.EndedAt!.Value));
        Assert.Equal(new Dictionary<string, string> { ["meal"] = "OK" }, adas.Answers);
        Assert.Equal((SurveyResponseStatus.Failed, "NoReference: never wrote"), (responses[1].Status, responses[1].Reason));
        Assert.Empty(await Results.ResponsesAsync("nobody-asked", default));
    }

    [Fact]
    public async Task Concurrent_news_for_one_respondent_is_all_kept()
    {
        var ada = new Recipient("emulator", "user-ada");
        var questions = Enumerable.Range(0, 10).Select(i => $"q{i}").ToList();

        // An adapter may refuse a write that raced another (the consumer's retry then merges again): so does this test.
        await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (q, ct) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await Results.RecordAsync(ResponseNews.From(new SurveyAnswered("race", ada, "emu-ada", q, "answer " + q, T0)), ct);
                    return;
                }
                catch (ETagConflictException) when (attempt < 20)
                {
                }
            }
        });

        Assert.Equal(questions, (await Results.ResponsesAsync("race", default)).Single().Answers.Keys.Order());
    }

    // Failed, then in progress, then the first ending: every later or replayed event leaves the ending as it is.
    [Theory]
    [InlineData(SurveyResponseStatus.Completed)]
    [InlineData(SurveyResponseStatus.EndedEarly)]
    [InlineData(SurveyResponseStatus.Expired)]
    public async Task A_response_status_only_moves_up_through_every_status(string ending)
    {
        var ada = new Recipient("emulator", "user-ada");
        var failed = ResponseNews.From(new SurveyFailed("lunch", ada, SurveyFailureReasons.NoReference, "not yet", T0))!;
        var started = ResponseNews.From(new SurveyStarted("lunch", ada, "emu-ada", "a1", T0.AddDays(1), T0.AddMinutes(1)));
        var endings = new Dictionary<string, ResponseNews>
        {
            [SurveyResponseStatus.Completed] = ResponseNews.From(new SurveyCompleted("lunch", ada, "emu-ada", [new SurveyAnswer("meal", "OK")], EndedEarly: false, T0.AddMinutes(2))),
            [SurveyResponseStatus.EndedEarly] = ResponseNews.From(new SurveyCompleted("lunch", ada, "emu-ada", [new SurveyAnswer("meal", "OK")], EndedEarly: true, T0.AddMinutes(2))),
            [SurveyResponseStatus.Expired] = ResponseNews.From(new SurveyExpired("lunch", ada, "emu-ada", [new SurveyAnswer("meal", "OK")], T0.AddMinutes(2), T0.AddMinutes(2))),
        };

        await Results.RecordAsync(failed, default);
        Assert.Equal((SurveyResponseStatus.Failed, "NoReference: not yet"), await StatusAsync());
        await Results.RecordAsync(started, default);
        Assert.Equal((SurveyResponseStatus.InProgress, null), await StatusAsync());
        await Results.RecordAsync(endings[ending], default);
        Assert.Equal((ending, null), await StatusAsync());

        foreach (var replay in endings.Values.Append(started).Append(failed).Append(endings[ending]))
        {
            await Results.RecordAsync(replay with { At = T0.AddHours(1) }, default);
        }

        var response = Assert.Single(await Results.ResponsesAsync("lunch", default));
        Assert.Equal((ending, (string?)null, T0.AddMinutes(1), T0.AddMinutes(2)), (response.Status, response.Reason, response.StartedAt!.Value, response.EndedAt!.Value));
        Assert.Equal(new Dictionary<string, string> { ["meal"] = "OK" }, response.Answers);
    }

    private async Task<(string Status, string? Reason)> StatusAsync()
    {
        var response = Assert.Single(await Results.ResponsesAsync("lunch", default));
        return (response.Status, response.Reason);
    }
}
