using System.Reflection;
using System.Text.RegularExpressions;
using ProactiveSuite.Dispatcher.Delivery;
using ProactiveSuite.Registry;
using ProactiveSuite.ServiceDefaults.Telemetry;

namespace ProactiveSuite.Tests.Telemetry;

/// <summary>
/// docs/operations.md names the attributes, metrics and span events an SRE searches and alerts on; a name
/// that drifted from the code would send them looking for nothing.
/// </summary>
public sealed partial class RunbookTests
{
    private static readonly Assembly[] Emitters =
        [typeof(TelemetryAttributes).Assembly, typeof(DeliveryTelemetry).Assembly, typeof(RegistryServiceExtensions).Assembly, typeof(ProactiveSuite.Gateway.Messages.InboundRefusals).Assembly];

    [Fact]
    public void Every_name_the_code_emits_is_in_the_runbook()
    {
        var documented = DocumentedNames().Select(n => n.Name).ToHashSet();

        Assert.All(EmittedNames(), name => Assert.Contains(name, documented));
    }

    [Fact]
    public void Every_name_the_runbook_gives_is_emitted_unless_it_is_reserved_for_later_work()
    {
        var emitted = EmittedNames().ToHashSet();

        Assert.All(
            DocumentedNames().Where(n => !n.Line.Contains("reserved", StringComparison.Ordinal)),
            n => Assert.True(emitted.Contains(n.Name), $"docs/operations.md names {n.Name}, which no code emits: {n.Line.Trim()}"));
    }

    /// <summary>The string constants of the emitting assemblies that are ProactiveSuite telemetry names.</summary>
    private static IEnumerable<string> EmittedNames() =>
        Emitters.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("proactivesuite.", StringComparison.Ordinal))
            .Distinct();

    private static IEnumerable<(string Name, string Line)> DocumentedNames() =>
        File.ReadLines(Runbook())
            .SelectMany(line => DocumentedName().Matches(line).Select(m => (m.Groups["name"].Value, line)));

    private static string Runbook()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "operations.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/operations.md was not found above the test binaries");
    }

    // A backticked name, possibly followed by attributes in braces or an "=value": `proactivesuite.x.y{…}`.
    [GeneratedRegex(@"`(?<name>proactivesuite\.[a-z_]+(\.[a-z_]+)*)")]
    private static partial Regex DocumentedName();
}
