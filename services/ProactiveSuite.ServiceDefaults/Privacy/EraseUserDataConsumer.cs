using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProactiveSuite.Contracts.Privacy;
using ProactiveSuite.ServiceDefaults.Messaging;

namespace ProactiveSuite.ServiceDefaults.Privacy;

/// <summary>Erases a user's data from every store of this process and reports what it removed.</summary>
public sealed partial class EraseUserDataConsumer(UserDataErasure erasure, IHostEnvironment host, TimeProvider clock, ILogger<EraseUserDataConsumer> logger)
    : IConsumer<EraseUserData>
{
    public async Task Consume(ConsumeContext<EraseUserData> context)
    {
        var command = context.Message;
        if (string.IsNullOrWhiteSpace(command.RequestId))
        {
            throw new InvalidMessageException("EraseUserData rejected: requestId is required");
        }

        if (UserKey.Problem(command.ChannelId, command.UserId) is { } problem)
        {
            throw new InvalidMessageException($"EraseUserData rejected: {problem}");
        }

        var erased = await erasure.EraseAsync(UserKey.From(command.ChannelId!, command.UserId!), context.CancellationToken);
        await context.Publish(new UserDataErased(command.RequestId, command.ChannelId!, command.UserId!, host.ApplicationName, erased, clock.GetUtcNow()));
        // The request id and the count only: who was erased is exactly what must not linger in logs.
        var removed = erased.Sum(e => e.Count);
        LogErased(command.RequestId, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure request {RequestId}: {Count} record(s) removed")]
    private partial void LogErased(string requestId, int count);
}

/// <summary>One erasure queue per process, named after it, so that every service hears every request.</summary>
public sealed class EraseUserDataConsumerDefinition : ConsumerDefinition<EraseUserDataConsumer>
{
    public EraseUserDataConsumerDefinition(IHostEnvironment host) =>
        EndpointName = $"{host.ApplicationName.Replace('.', '-').ToLowerInvariant()}-erase-user-data";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<EraseUserDataConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.UseShortRetries();
        endpointConfigurator.AcceptPlainJson();
    }
}
