using System.Text.RegularExpressions;
using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The environment docker-compose.yml gives a service (its <c>environment</c>, which is the
/// <c>x-service-environment</c> anchor), read from the file, so the tests that run with it and the compose
/// file cannot drift. Compose's <c>${VAR:-default}</c> variables are the operator's inputs: they are filled
/// from a <c>.env</c> (<paramref name="dotEnv"/> of <see cref="Of"/>), else with their default.
/// </summary>
public static partial class ComposeEnvironment
{
    public const string ComposeFile = "docker-compose.yml";

    /// <summary>The keys and values compose sets for <paramref name="service"/>, its variables filled from <paramref name="dotEnv"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(string service, IReadOnlyDictionary<string, string> dotEnv)
    {
        var environment = YamlNode.Load(ComposeFile)["services"][service]["environment"];
        if (!environment.IsMapping)
        {
            throw new InvalidOperationException($"{environment.Where} is not a mapping of keys to values");
        }

        return environment.Entries.ToDictionary(e => e.Key, e => Interpolate(e.Value.Required(), dotEnv));
    }

    /// <summary>What compose does with <c>${VAR}</c>, <c>${VAR:-default}</c> and <c>$$</c> in a value.</summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> dotEnv) =>
        Variable().Replace(value, m => m.Value == "$$"
            ? "$"
            : dotEnv.TryGetValue(m.Groups["name"].Value, out var given) && (given.Length > 0 || !m.Groups["default"].Success)
                ? given
                : m.Groups["default"].Value);

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
