using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ProactiveSuite.ServiceDefaults.Storage.Mongo;

/// <summary>Readiness of a service's MongoDB database: it answers a ping within the check's time.</summary>
internal sealed class MongoStoreHealthCheck(IMongoDatabase database) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is MongoException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"MongoDB database '{database.DatabaseNamespace.DatabaseName}' did not answer a ping: {e.Message}");
        }
    }
}
