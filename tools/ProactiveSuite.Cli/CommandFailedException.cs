namespace ProactiveSuite.Cli;

/// <summary>
/// A failure the user should read: <see cref="Exception.Message"/> is the one line printed on stderr,
/// <see cref="ExitCode"/> the process's exit code (<see cref="ExitCodes"/>).
/// </summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(int exitCode, string message)
        : base(OneLine(message)) => ExitCode = exitCode;

    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Unexpected;

    // A server's detail may span lines; a script reading stderr expects one.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
