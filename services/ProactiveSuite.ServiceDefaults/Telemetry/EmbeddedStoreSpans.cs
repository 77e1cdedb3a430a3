using System.Diagnostics;

namespace ProactiveSuite.ServiceDefaults.Telemetry;

/// <summary>
/// Database client spans for the embedded store's operations (Microsoft.Data.Sqlite emits none of its own),
/// named and tagged as OpenTelemetry's database conventions say, like the MongoDB driver's spans in
/// production: <c>{db.operation.name} {db.collection.name}</c>, with <c>db.system.name</c> <c>sqlite</c>.
/// </summary>
public static class EmbeddedStoreSpans
{
    public const string System = "sqlite";

    /// <summary>Runs one store operation inside its span; a failure marks the span as an error and is rethrown.</summary>
    public static T Trace<T>(string operation, string collection, Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var span = ProactiveSuiteTelemetry.Source.StartActivity($"{operation} {collection}", ActivityKind.Client);
        span?.SetTag("db.system.name", System);
        span?.SetTag("db.operation.name", operation);
        span?.SetTag("db.collection.name", collection);
        try
        {
            return run();
        }
        catch (Exception e)
        {
            span?.SetTag("error.type", e.GetType().FullName);
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name); // messages may quote stored values
            throw;
        }
    }
}
