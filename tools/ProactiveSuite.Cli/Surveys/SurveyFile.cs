using System.Text.Json;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Cli.Surveys;

/// <summary>A survey written as the body of POST /surveys (a StartSurvey as JSON); options on the command line win over it.</summary>
public static class SurveyFile
{
    public static async Task<StartSurvey> ReadAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return new StartSurvey();
        }

        try
        {
            await using var stream = file.OpenRead();
            return await JsonSerializer.DeserializeAsync<StartSurvey>(stream, OperatorApi.Json, cancellationToken)
                ?? throw new CommandFailedException(ExitCodes.Usage, $"{file.FullName} is empty: it should hold a survey as JSON");
        }
        catch (JsonException e)
        {
            throw new CommandFailedException(ExitCodes.Usage, $"{file.FullName} is not a survey as JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(ExitCodes.Usage, $"cannot read {file.FullName}: {e.Message}");
        }
    }
}
