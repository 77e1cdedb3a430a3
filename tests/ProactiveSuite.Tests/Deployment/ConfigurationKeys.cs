using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Bot.Connector.Authentication;
using ProactiveSuite.Dispatcher;
using ProactiveSuite.Gateway;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The configuration keys the services read, worked out from their code: every options class (a type
/// with a <c>Section</c> constant) gives its section and the paths of its settable properties, and every
/// <c>…Key</c> constant that holds a path is a key read directly. Deployment files set keys in
/// environment form (<c>Bus__Transport</c>); a name that matches none of them is a setting nobody reads.
/// </summary>
internal static class ConfigurationKeys
{
    private static readonly Assembly[] ServiceAssemblies =
    [
        typeof(ServiceDefaultsExtensions).Assembly,
        typeof(GatewayServiceExtensions).Assembly,
        typeof(RegistryServiceExtensions).Assembly,
        typeof(DispatcherServiceExtensions).Assembly,
        typeof(ProactiveSuite.Conversations.ConversationStateExtensions).Assembly,
    ];

    /// <summary>
    /// Keys read by libraries rather than by our options classes: the Bot Framework SDK's credentials
    /// (ConfigurationBotFrameworkAuthentication, under our <c>Bot</c> section), OpenTelemetry's standard
    /// variables, ASP.NET Core's console log format.
    /// </summary>
    private static readonly string[] LibraryKeys =
    [
        "Bot:" + MicrosoftAppCredentials.MicrosoftAppIdKey,
        "Bot:" + MicrosoftAppCredentials.MicrosoftAppPasswordKey,
        "Bot:MicrosoftAppType",
        "Bot:MicrosoftAppTenantId",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "Logging:Console:FormatterName",
        "Logging:Console:FormatterOptions:IncludeScopes",
        "ASPNETCORE_URLS",
    ];

    private static readonly Lazy<IReadOnlyList<string>> LazyKeys = new(FindKeys);
    private static readonly Lazy<IReadOnlyList<Regex>> LazyPatterns = new(() => LazyKeys.Value.Select(k => new Regex(
            "^" + Regex.Escape(k).Replace(@"\{index}", "[0-9]+", StringComparison.Ordinal).Replace(@"\{key}", "[^:]+", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        .ToList());

    /// <summary>Every known key; <c>{index}</c> and <c>{key}</c> stand for a list index and a dictionary key.</summary>
    public static IReadOnlyList<string> Known => LazyKeys.Value;

    /// <summary>Whether the environment variable <paramref name="name"/> sets a key some service reads.</summary>
    public static bool IsRead(string name)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        return LazyPatterns.Value.Any(p => p.IsMatch(key));
    }

    private static List<string> FindKeys()
    {
        var keys = new List<string>(LibraryKeys);
        foreach (var type in ServiceAssemblies.SelectMany(a => a.GetTypes()))
        {
            var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                ? (string)field.GetRawConstantValue()!
                : null;
            if (section is not null && !type.IsAbstract)
            {
                keys.AddRange(PathsOf(BoundType(type), section, depth: 0));
            }

            keys.AddRange(type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Key", StringComparison.Ordinal))
                .Select(f => (string)f.GetRawConstantValue()!)
                .Where(v => v.Contains(':', StringComparison.Ordinal)));
        }

        return keys.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    // An options class whose one property is a dictionary is bound to that dictionary (ChannelEndpointOptions:
    // Dispatcher:Channels:{channelId}:ServiceUrl), as its registration does.
    private static Type BoundType(Type optionsType)
    {
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return properties.Length == 1 && DictionaryValueType(properties[0].PropertyType) is not null ? properties[0].PropertyType : optionsType;
    }

    private static IEnumerable<string> PathsOf(Type type, string prefix, int depth)
    {
        if (depth > 5 || IsLeaf(type))
        {
            return [prefix];
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return PathsOf(valueType, prefix + ":{key}", depth + 1);
        }

        if (ElementType(type) is { } elementType)
        {
            return PathsOf(elementType, prefix + ":{index}", depth + 1);
        }

        // Get-only collections and nested objects are bound in place, so they count as well as settable ones.
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || !IsLeaf(p.PropertyType)))
            .SelectMany(p => PathsOf(p.PropertyType, $"{prefix}:{p.Name}", depth + 1));
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Uri) || type == typeof(TimeSpan) ||
            type == typeof(decimal) || type == typeof(DateTimeOffset);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;
}
