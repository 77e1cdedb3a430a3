namespace ProactiveSuite.Gateway.Bot;

/// <summary>
/// The SDK's logger, minus its entries for refused tokens: <c>CloudAdapter</c> logs every one at Error with
/// a stack trace (as its message text: <c>LogError(exception.ToString())</c>), so anyone could fill the log
/// with Errors. <see cref="ChannelAuthentication"/> turns every
/// refusal into an <see cref="UnauthorizedAccessException"/>, and the endpoint logs and counts it
/// (<see cref="Messages.InboundRefusals"/>); everything else the SDK logs passes unchanged.
/// </summary>
internal sealed class RefusalsLoggedElsewhere<T>(ILogger<T> sdk) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => sdk.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => sdk.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is UnauthorizedAccessException || (logLevel >= LogLevel.Error && IsRefusal(formatter(state, exception))))
        {
            return;
        }

        sdk.Log(logLevel, eventId, state, exception, formatter);
    }

    private static bool IsRefusal(string message) =>
        message.StartsWith(typeof(UnauthorizedAccessException).FullName + ":", StringComparison.Ordinal);
}
