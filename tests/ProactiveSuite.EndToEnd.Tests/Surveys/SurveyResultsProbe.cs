using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProactiveSuite.EndToEnd.Tests.Infrastructure;

namespace ProactiveSuite.EndToEnd.Tests.Surveys;

/// <summary>Reads <c>GET /surveys/{id}/results</c>, which follows the survey events a moment later.</summary>
internal static class SurveyResultsProbe
{
    /// <summary>Waits until the survey's results show <paramref name="user"/>'s response in <paramref name="status"/>.</summary>
    public static Task<JsonObject> ResponseAsync(ISurveyStage stage, string surveyId, EmulatedUser user, string status) =>
        Eventually.Until(
            async () =>
            {
                var response = await stage.Http.GetAsync($"/surveys/{surveyId}/results", TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                var results = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
                return results!["responses"]!.AsArray().Any(r => r!["userId"]!.GetValue<string>() == user.Id && r["status"]!.GetValue<string>() == status)
                    ? results
                    : null;
            },
            $"the results of {surveyId} to show {user.Id} as {status}",
            stage.Logs);

    public static JsonObject ResponseOf(JsonObject results, EmulatedUser user) =>
        results["responses"]!.AsArray().Single(r => r!["userId"]!.GetValue<string>() == user.Id)!.AsObject();

    /// <summary>The answers of one response, as (questionId, answer) pairs in question order.</summary>
    public static IReadOnlyList<(string, string)> AnswersOf(JsonObject response) =>
        [.. response["answers"]!.AsArray().Select(a => (a!["questionId"]!.GetValue<string>(), a["answer"]!.GetValue<string>()))];

    /// <summary>The counts per choice of a choice question.</summary>
    public static IReadOnlyList<(string, int)> ChoiceCounts(JsonObject results, string questionId) =>
        [.. Question(results, questionId)["choices"]!.AsArray().Select(c => (c!["choice"]!.GetValue<string>(), c["count"]!.GetValue<int>()))];

    public static JsonObject Question(JsonObject results, string questionId) =>
        results["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == questionId)!.AsObject();
}
