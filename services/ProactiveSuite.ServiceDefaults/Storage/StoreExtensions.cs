using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;
using ProactiveSuite.ServiceDefaults.Storage.Documents;
using ProactiveSuite.ServiceDefaults.Storage.Mongo;
using ProactiveSuite.ServiceDefaults.Storage.Sqlite;

namespace ProactiveSuite.ServiceDefaults.Storage;

public static class StoreExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TService"/>, written once as <typeparamref name="TStore"/> on an
    /// <see cref="IDocumentStore"/>, on the engine that <c>Store:Provider</c> names and the database of
    /// <paramref name="owner"/> (one per owner and process, shared by its stores).
    /// </summary>
    public static IHostApplicationBuilder AddStore<TService, TStore>(this IHostApplicationBuilder builder, StoreOwner owner)
        where TService : class
        where TStore : class, TService
    {
        var options = StoreOptionsOf(builder.Configuration);
        builder.Services.TryAddSingleton(options);
        if (!builder.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IDocumentStore) && Equals(d.ServiceKey, owner)))
        {
            if (options.Provider == StoreProvider.MongoDb)
            {
                builder.Services.TryAddSingleton<IMongoClient>(_ => new MongoClient(options.MongoConnectionString));
                builder.Services.AddKeyedSingleton<IDocumentStore>(owner, (sp, _) => new MongoDocumentStore(CreateMongoDatabase(sp.GetRequiredService<IMongoClient>(), options.MongoDatabaseOf(owner))));
                // Readiness says when the owner's database does not answer.
                builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                    $"store-{owner.Name}", sp => new MongoStoreHealthCheck(((MongoDocumentStore)sp.GetRequiredKeyedService<IDocumentStore>(owner)).Database), HealthStatus.Unhealthy, ["ready"]));
            }
            else
            {
                builder.Services.AddKeyedSingleton<IDocumentStore>(owner, (_, _) => new SqliteDatabase(options.EmbeddedPathOf(owner)));
            }
        }

        builder.Services.AddSingleton<TService>(sp => ActivatorUtilities.CreateInstance<TStore>(sp, sp.GetRequiredKeyedService<IDocumentStore>(owner)));
        return builder;
    }

    public static StoreOptions StoreOptionsOf(IConfiguration configuration) =>
        configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();

    /// <summary>The MongoDB database, with ProactiveSuite's serialisation conventions in place.</summary>
    public static IMongoDatabase CreateMongoDatabase(IMongoClient client, string databaseName)
    {
        MongoConventions.Register();
        return client.GetDatabase(databaseName);
    }

    private static class MongoConventions
    {
        private static int _registered;

        public static void Register()
        {
            // The convention registry is process-wide; registering twice would apply it twice.
            if (Interlocked.Exchange(ref _registered, 1) == 1)
            {
                return;
            }

            var pack = new ConventionPack { new CamelCaseElementNameConvention(), new IgnoreExtraElementsConvention(true) };
            ConventionRegistry.Register("ProactiveSuite", pack, type => type.Namespace?.StartsWith("ProactiveSuite", StringComparison.Ordinal) == true);
        }
    }
}
