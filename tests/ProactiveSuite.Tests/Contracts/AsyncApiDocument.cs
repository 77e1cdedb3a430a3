using System.Reflection;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using ProactiveSuite.Contracts.Notifications;
using ProactiveSuite.Dispatcher;
using ProactiveSuite.Gateway;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;
using ProactiveSuite.Testing;
using ProactiveSuite.Tests.Deployment;

namespace ProactiveSuite.Tests.Contracts;

/// <summary>docs/asyncapi.yaml, and the .NET types and consumers it describes.</summary>
internal static class AsyncApiDocument
{
    public const string Path = "docs/asyncapi.yaml";

    public static readonly Assembly Contracts = typeof(SendNotification).Assembly;

    public static readonly Assembly[] Services =
    [
        typeof(ServiceDefaultsExtensions).Assembly,
        typeof(GatewayServiceExtensions).Assembly,
        typeof(RegistryServiceExtensions).Assembly,
        typeof(DispatcherServiceExtensions).Assembly,
    ];

    public static YamlNode Load() => YamlNode.Load(Path);

    public static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    public static bool IsRecord(Type type) => type.IsClass && type.GetMethod("<Clone>$") is not null;

    /// <summary>Every public record of the contracts assembly.</summary>
    public static IReadOnlyList<Type> ContractRecords() =>
        Contracts.GetExportedTypes().Where(IsRecord).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>The members of a record as they travel: public instance properties.</summary>
    public static IReadOnlyList<PropertyInfo> WireProperties(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();

    /// <summary>
    /// The records that travel as messages: those no other contract record contains (a part such as
    /// <see cref="Recipient"/> never travels alone), and those a service consumes.
    /// </summary>
    public static IReadOnlyList<Type> ContractMessages()
    {
        var records = ContractRecords();
        var parts = records.SelectMany(WireProperties).SelectMany(p => TypesIn(p.PropertyType)).ToHashSet();
        var consumed = Consumers().Select(c => c.Message).ToHashSet();
        return records.Where(r => !parts.Contains(r) || consumed.Contains(r)).ToList();
    }

    /// <summary>Every consumer of the services: the queue its definition names and the message type it takes.</summary>
    public static IReadOnlyList<(string Queue, Type Message, Type Consumer)> Consumers()
    {
        var consumers = new List<(string, Type, Type)>();
        foreach (var definition in Services.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && IsConsumerDefinition(t)))
        {
            var consumer = definition.BaseType!.GetGenericArguments()[0];
            var queue = ((IConsumerDefinition)Instantiate(definition)).GetEndpointName(DefaultEndpointNameFormatter.Instance);
            foreach (var consumed in consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            {
                consumers.Add((queue, consumed.GetGenericArguments()[0], consumer));
            }
        }

        return consumers;
    }

    /// <summary>The types a property's type is made of: itself, and the arguments of a generic (list, dictionary).</summary>
    public static IEnumerable<Type> TypesIn(Type type)
    {
        var unwrapped = Nullable.GetUnderlyingType(type) ?? type;
        return unwrapped.IsGenericType ? unwrapped.GetGenericArguments().SelectMany(TypesIn).Prepend(unwrapped) : [unwrapped];
    }

    private static bool IsConsumerDefinition(Type type) =>
        type.BaseType is { IsGenericType: true } baseType && baseType.GetGenericTypeDefinition() == typeof(ConsumerDefinition<>);

    // Definitions take options or the host environment: defaults are what a deployment runs with, and the
    // host of an erasure queue is named after the Registry (each process that stores user data has its own).
    private static object Instantiate(Type definition)
    {
        var constructor = definition.GetConstructors().Single();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            { IsGenericType: true } t when t.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Options.IOptions<>) =>
                typeof(Microsoft.Extensions.Options.Options).GetMethod(nameof(Microsoft.Extensions.Options.Options.Create))!
                    .MakeGenericMethod(t.GetGenericArguments()[0])
                    .Invoke(null, [Activator.CreateInstance(t.GetGenericArguments()[0])]),
            var t when t == typeof(IHostEnvironment) => new RegistryHostEnvironment(),
            var t => throw new InvalidOperationException($"{definition.Name} takes a {t.Name}; teach AsyncApiDocument.Instantiate to make one"),
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    private sealed class RegistryHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "ProactiveSuite.Registry";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
