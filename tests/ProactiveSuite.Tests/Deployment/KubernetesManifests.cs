using ProactiveSuite.Testing;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>The Kubernetes manifests of docs/deployment/kubernetes, every document of every file.</summary>
internal static class KubernetesManifests
{
    public const string Folder = "docs/deployment/kubernetes";

    /// <summary>The ProactiveSuite services, by the name of their Deployment, compose service and project.</summary>
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>
    {
        ["gateway"] = "ProactiveSuite.Gateway",
        ["registry"] = "ProactiveSuite.Registry",
        ["dispatcher"] = "ProactiveSuite.Dispatcher",
    };

    public static IReadOnlyList<YamlNode> All() =>
        Directory.GetFiles(RepositoryFile.PathOf(Folder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => YamlNode.LoadAll($"{Folder}/{Path.GetFileName(file)}"))
            .ToList();

    public static IReadOnlyList<YamlNode> OfKind(string kind) => All().Where(m => m["kind"].Scalar == kind).ToList();

    public static YamlNode Deployment(string name) =>
        OfKind("Deployment").SingleOrDefault(d => d["metadata"]["name"].Scalar == name)
        ?? throw new InvalidOperationException($"{Folder} has no Deployment named {name}");

    /// <summary>The one container of a Deployment's pods.</summary>
    public static YamlNode Container(YamlNode deployment) => deployment["spec"]["template"]["spec"]["containers"].Items.Single();

    /// <summary>Every name a container sets: its env entries and the keys of the ConfigMaps it takes whole.</summary>
    public static IEnumerable<(string Name, YamlNode Entry)> EnvironmentOf(YamlNode container)
    {
        foreach (var entry in container["env"].Items)
        {
            yield return (entry["name"].Required(), entry);
        }

        foreach (var source in container["envFrom"].Items)
        {
            var configMapName = source["configMapRef"]["name"].Required();
            var configMap = OfKind("ConfigMap").SingleOrDefault(c => c["metadata"]["name"].Scalar == configMapName)
                ?? throw new InvalidOperationException($"{source.Where} takes ConfigMap {configMapName}, which is not in {Folder}");
            foreach (var (name, value) in configMap["data"].Entries)
            {
                yield return (name, value);
            }
        }
    }
}
