using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.Contracts.Privacy;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.ServiceDefaults.Privacy;

public static class UserDataErasureExtensions
{
    /// <summary>
    /// Adds a store's eraser, and (once per process) the consumer of <c>EraseUserData</c> that runs all
    /// of them. A store that keeps data about users calls this from its service's <c>AddX()</c>.
    /// </summary>
    /// <param name="operatorEndpoint">
    /// False for a service that faces the internet (the Gateway): it erases on the bus's command but does
    /// not bring the operator's erasure endpoint with it.
    /// </param>
    public static IHostApplicationBuilder AddUserDataEraser<TEraser>(this IHostApplicationBuilder builder, bool operatorEndpoint = true)
        where TEraser : class, IUserDataEraser
    {
        builder.Services.AddScoped<IUserDataEraser, TEraser>();
        if (operatorEndpoint)
        {
            builder.Services.TryAddSingleton<OperatorErasureEndpoint>();
        }

        if (builder.Services.Any(d => d.ServiceType == typeof(UserDataErasure)))
        {
            return builder;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserDataErasure>();
        builder.AddBusConsumers(bus => bus.AddConsumer<EraseUserDataConsumer, EraseUserDataConsumerDefinition>());
        return builder;
    }

    /// <summary>
    /// <c>DELETE /users/{channelId}/{userId}</c>: publishes <c>EraseUserData</c> to every service and
    /// answers 202 with the request id (each service then publishes <c>UserDataErased</c>). An operator
    /// API, so it needs operator credentials. Mapped only by a process with an operator's eraser.
    /// </summary>
    public static IEndpointRouteBuilder MapUserDataErasure(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(OperatorErasureEndpoint)) != true)
        {
            return endpoints;
        }

        endpoints.MapDelete("/users/{channelId}/{userId}", async (string channelId, string userId, IPublishEndpoint bus, CancellationToken ct) =>
        {
            if (UserKey.Problem(channelId, userId) is { } problem)
            {
                return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a user");
            }

            var requestId = Guid.NewGuid().ToString("N");
            await bus.Publish(new EraseUserData(requestId, channelId, userId), ct);
            return Results.Accepted(value: new { requestId });
        }).WithTags("Privacy");
        return endpoints;
    }
}

/// <summary>Present when a service of this process serves the operator's erasure endpoint.</summary>
internal sealed class OperatorErasureEndpoint;
