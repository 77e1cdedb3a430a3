namespace ProactiveSuite.Gateway.Security;

/// <summary>Says at start-up, as loudly as a log can, that the messaging endpoint accepts anyone.</summary>
internal sealed partial class UnauthenticatedLocalUseWarning(ILogger<UnauthenticatedLocalUseWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUnauthenticated(InboundAuthenticationPolicy.AllowUnauthenticatedLocalUseKey, InboundAuthenticationPolicy.AppIdKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "!!! INBOUND AUTHENTICATION IS OFF: {Setting} is true and no {AppIdSetting} is set, so /api/messages accepts " +
        "activities from ANYONE without a token. This is for local use with the channel emulator only; never expose this process.")]
    private partial void LogUnauthenticated(string setting, string appIdSetting);
}
