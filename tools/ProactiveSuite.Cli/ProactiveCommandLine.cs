using System.CommandLine;
using System.CommandLine.Invocation;
using ProactiveSuite.Cli.AfterDelivery;
using ProactiveSuite.Cli.Broadcast;
using ProactiveSuite.Cli.Cancellation;
using ProactiveSuite.Cli.Connection;
using ProactiveSuite.Cli.References;
using ProactiveSuite.Cli.Send;
using ProactiveSuite.Cli.Status;
using ProactiveSuite.Cli.Surveys;
using Spectre.Console;

namespace ProactiveSuite.Cli;

/// <summary>The `proactive` command and its subcommands; every failure ends as one line on stderr and an exit code.</summary>
public static class ProactiveCommandLine
{
    private const int RedirectedWidth = 400;

    public static RootCommand Build()
    {
        var root = new RootCommand("Send notifications, broadcasts and surveys through ProactiveSuite, follow, recall and edit them (over its operator HTTP API).")
        {
            ConnectionOptions.Url,
            ConnectionOptions.RegistryUrl,
            ConnectionOptions.ApiKey,
            SendCommand.Create(),
            BroadcastCommand.Create(),
            SurveyCommand.Create(),
            StatusCommand.Create(),
            ReferencesCommand.Create(),
            CancelCommand.Create(),
            RecallCommand.Create(),
            EditCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // A log or a pipe has no width: Spectre's default of 80 would break a status line in two.
            AnsiConsole.Profile.Width = RedirectedWidth;
        }

        var parseResult = Build().Parse(args);
        if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
        {
            var command = parseResult.CommandResult.Command is RootCommand ? "proactive" : $"proactive {parseResult.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"proactive: {parseResult.Errors[0].Message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CommandFailedException failure)
        {
            await Console.Error.WriteLineAsync($"proactive: {failure.Message}");
            return failure.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("proactive: interrupted; what was already sent goes on (see 'proactive status <id>')");
            return ExitCodes.Interrupted;
        }
        catch (IOException e)
        {
            // Most often stdout closed early (`proactive status x --csv | head`): not worth a stack trace.
            await Console.Error.WriteLineAsync($"proactive: {e.Message}");
            return ExitCodes.Unexpected;
        }
    }
}
