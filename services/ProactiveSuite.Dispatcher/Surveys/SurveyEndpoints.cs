using MassTransit;
using ProactiveSuite.Contracts.Surveys;
using ProactiveSuite.Dispatcher.Surveys.Responses;

namespace ProactiveSuite.Dispatcher.Surveys;

/// <summary>Starting surveys and reading their results over HTTP, for operators and services that do not speak the bus.</summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder endpoints)
    {
        var surveys = endpoints.MapGroup("/surveys").WithTags("Surveys");

        surveys.MapPost("/", async (StartSurvey? command, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (command is null)
            {
                return Results.Problem("The body must be a StartSurvey as JSON.", statusCode: StatusCodes.Status400BadRequest);
            }

            // Over HTTP the id may be left to us: the survey is then this one recipient's.
            command = string.IsNullOrEmpty(command.SurveyId) ? command with { SurveyId = Guid.NewGuid().ToString("N") } : command;
            if (SurveyValidation.Problem(command) is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid survey");
            }

            await bus.Publish(command, ct);
            return Results.Accepted(value: new { surveyId = command.SurveyId });
        });

        surveys.MapGet("/{surveyId}/results", async (string surveyId, ISurveyResultsStore store, CancellationToken ct) =>
        {
            if (await store.FindDefinitionAsync(surveyId, ct) is not { } definition)
            {
                return Results.Problem($"No survey '{surveyId}' was ever started.", statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Ok(SurveyResults.Tally(definition, await store.ResponsesAsync(surveyId, ct)));
        });

        return endpoints;
    }
}
