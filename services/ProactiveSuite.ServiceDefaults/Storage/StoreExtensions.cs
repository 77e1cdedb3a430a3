using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;

namespace ProactiveSuite.ServiceDefaults.Storage;

public static class StoreExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TService"/> with the adapter that matches <c>Store:Provider</c>, on the
    /// database of <paramref name="owner"/> (one handle per owner and process, shared by its stores).
    /// </summary>
    public static IHostApplicationBuilder AddStore<TService, TEmbedded, TMongo>(this IHostApplicationBuilder builder, StoreOwner owner)
        where TService : class
        where TEmbedded : class, TService
        where TMongo : class, TService
    {
        var options = StoreOptionsOf(builder.Configuration);
        builder.Services.TryAddSingleton(options);
        if (options.Provider == StoreProvider.MongoDb)
        {
            builder.Services.TryAddSingleton<IMongoClient>(_ => new MongoClient(options.MongoConnectionString));
            if (!builder.Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IMongoDatabase) && Equals(d.ServiceKey, owner)))
            {
                builder.Services.AddKeyedSingleton<IMongoDatabase>(owner, (sp, _) => CreateMongoDatabase(sp.GetRequiredService<IMongoClient>(), options.MongoDatabaseOf(owner)));
                // Readiness says when the owner's database does not answer.
                builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                    $"store-{owner.Name}", sp => new MongoStoreHealthCheck(sp.GetRequiredKeyedService<IMongoDatabase>(owner)), HealthStatus.Unhealthy, ["ready"]));
            }

            builder.Services.AddSingleton<TService>(sp => ActivatorUtilities.CreateInstance<TMongo>(sp, sp.GetRequiredKeyedService<IMongoDatabase>(owner)));
        }
        else
        {
            builder.Services.TryAddKeyedSingleton<LiteDatabase>(owner, (_, _) => OpenEmbeddedDatabase(options.EmbeddedPathOf(owner)));
            builder.Services.AddSingleton<TService>(sp => ActivatorUtilities.CreateInstance<TEmbedded>(sp, sp.GetRequiredKeyedService<LiteDatabase>(owner)));
        }

        return builder;
    }

    public static StoreOptions StoreOptionsOf(IConfiguration configuration) =>
        configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();

    /// <summary>Opens (creating if needed) the embedded store file.</summary>
    public static LiteDatabase OpenEmbeddedDatabase(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // Direct mode: this process owns the file, which is what the single-process default is.
        return new LiteDatabase(new ConnectionString
        {
            Filename = fullPath,
            Connection = ConnectionType.Direct,
            // LiteDB compares strings case-insensitively by default; ids from channels are case-sensitive.
            Collation = new LiteDB.Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        });
    }

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
