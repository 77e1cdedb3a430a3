using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProactiveSuite.ServiceDefaults.OperatorAuthentication;

/// <summary>
/// Warns at start-up when this process has operator APIs but nobody could call them (no API key,
/// no JWT issuer), so that a wall of 401s has an explanation in the log.
/// </summary>
internal sealed partial class OperatorCredentialsCheck(
    OperatorAuthenticationOptions options,
    EndpointDataSource endpoints,
    IHostApplicationLifetime lifetime,
    ILogger<OperatorCredentialsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The endpoints are only known once the application has built its pipeline.
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    private void Check()
    {
        var configured = options.ApiKeys.Count > 0 || !string.IsNullOrWhiteSpace(options.Jwt.Authority);
        var protectedEndpoints = endpoints.Endpoints.Count(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null);
        if (!configured && protectedEndpoints > 0)
        {
            LogLocked(protectedEndpoints, OperatorAuthenticationOptions.Section);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No operator credentials are configured ({Section}:ApiKeys or {Section}:Jwt): the {Count} operator endpoint(s) of this process answer 401 to everyone.")]
    private partial void LogLocked(int count, string section);
}
