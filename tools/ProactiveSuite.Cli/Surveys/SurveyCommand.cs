using System.CommandLine;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Contracts.Notifications;
using Spectre.Console;

namespace ProactiveSuite.Cli.Surveys;

/// <summary>`proactive survey`: start a survey in a user's conversation (POST /surveys).</summary>
public static class SurveyCommand
{
    public static Command Create()
    {
        var channel = RecipientOptions.Channel("The user's channel (or the file's recipient).", required: false);
        var user = new Option<string?>("--user", "-u") { Description = "The user's id in that channel (or the file's recipient)." };
        var tenant = RecipientOptions.Tenant("The user's tenant.");
        var title = new Option<string?>("--title") { Description = "The survey's title." };
        var questions = new Option<string[]>("--question", "-q")
        {
            Description = "A question, in order (repeat): 'text' for free text, 'text|choice|choice...' for a choice.",
        };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "The survey as JSON, the body of POST /surveys (title, questions, recipient, surveyId)." };
        var id = new Option<string?>("--id") { Description = "The survey id (default: the file's, else generated)." };
        var expiresAfter = new Option<int?>("--expires-after") { Description = "Seconds the user has to answer (default: the service's)." };

        var command = new Command("survey", "Start a survey in a user's conversation; its first question goes out at once.")
        {
            channel, user, tenant, title, questions, file, id, expiresAfter,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var survey = await SurveyFile.ReadAsync(parseResult.GetValue(file), cancellationToken);
            var recipient = survey.Recipient;
            if (parseResult.GetValue(channel) is not null || parseResult.GetValue(user) is not null)
            {
                recipient = new Recipient(
                    parseResult.GetValue(channel) ?? recipient?.ChannelId ?? throw new CommandFailedException(ExitCodes.Usage, "--user needs --channel"),
                    parseResult.GetValue(user) ?? recipient?.UserId ?? throw new CommandFailedException(ExitCodes.Usage, "--channel needs --user"),
                    parseResult.GetValue(tenant) ?? recipient?.TenantId);
            }

            survey = survey with
            {
                SurveyId = parseResult.GetValue(id) ?? survey.SurveyId,
                Recipient = recipient ?? throw new CommandFailedException(ExitCodes.Usage, "who is asked? --channel and --user (or a recipient in --file)"),
                Title = parseResult.GetValue(title) ?? survey.Title,
                Questions = parseResult.GetValue(questions) is { Length: > 0 } given ? SurveyQuestionReader.Read(given) : survey.Questions,
                ExpiresAfterSeconds = parseResult.GetValue(expiresAfter) ?? survey.ExpiresAfterSeconds,
            };
            if (survey.Questions is not { Count: > 0 })
            {
                throw new CommandFailedException(ExitCodes.Usage, "a survey needs questions: --question (repeat) or --file");
            }

            using var api = ConnectionOptions.Connect(parseResult);
            var accepted = await api.PostAsync<Accepted>(OperatorService.Dispatcher, "surveys", survey, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Survey [bold]{accepted.SurveyId}[/] started for {recipient.ChannelId}/{recipient.UserId} ({survey.Questions.Count} questions). Results: GET /surveys/{accepted.SurveyId}/results");
            return ExitCodes.Success;
        });
        return command;
    }
}
