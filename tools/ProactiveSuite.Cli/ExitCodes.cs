namespace ProactiveSuite.Cli;

/// <summary>
/// What the exit code tells a script; each failure is also one line on stderr. Listed in the tool's README.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something the tool did not expect (a bug, or an answer it cannot read).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line itself is wrong: unknown or missing options, a value that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>The service refused the request as invalid (HTTP 400, 413 or another 4xx).</summary>
    public const int Rejected = 3;

    /// <summary>The API key is missing or not accepted (HTTP 401 or 403).</summary>
    public const int Unauthorized = 4;

    /// <summary>The notification, survey or reference does not exist (HTTP 404).</summary>
    public const int NotFound = 5;

    /// <summary>The service could not be reached: connection refused, name not resolved, timed out.</summary>
    public const int Unreachable = 6;

    /// <summary>The service failed (HTTP 5xx).</summary>
    public const int ServiceFailed = 7;

    /// <summary>Interrupted (Ctrl+C) while waiting; what was sent goes on.</summary>
    public const int Interrupted = 130;
}
