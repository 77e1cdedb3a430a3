using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.ServiceDefaults.Telemetry;
using ProactiveSuite.ServiceDefaults.Http;
using ProactiveSuite.ServiceDefaults.OperatorAuthentication;
using ProactiveSuite.ServiceDefaults.Privacy;
using ProactiveSuite.ServiceDefaults.Security;

namespace ProactiveSuite.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every ProactiveSuite process has: problem-details errors, health checks, telemetry, operator
    /// authentication on every endpoint that does not opt out, request body limits, JSON-only request bodies, a reason for a request the binder cannot read, and the allowlist
    /// of connector hosts (every service that handles a serviceUrl checks it). A service gets
    /// <paramref name="defaultUrl"/> when no URL is configured, so the three services can run side by
    /// side on one machine without setup.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string defaultUrl)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) &&
            string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.AddServiceTelemetry();
        builder.AddServiceUrlAllowlist();
        builder.AddOperatorAuthentication();
        builder.AddRequestBodyLimits();
        builder.Services.AddJsonRequestBodiesOnly();
        builder.Services.AddUnreadableRequestAnswers();
        return builder;
    }

    /// <summary>
    /// The anonymous health endpoints that orchestrators and tests wait on, and, in a process that stores
    /// data about users, the operator's erasure endpoint. <c>/health</c> runs every check (the bus among
    /// them): ready to take work. <c>/alive</c> runs none: the process answers. A liveness probe uses
    /// <c>/alive</c>, because restarting every replica while the broker is away would not bring it back.
    /// </summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Degraded is not ready either: MassTransit reports a bus that lost its broker as degraded.
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapUserDataErasure();
        return endpoints;
    }
}
