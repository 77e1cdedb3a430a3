using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ProactiveSuite.Testing;

/// <summary>
/// A parsed YAML value (mapping, sequence or scalar) with the few ways the deployment tests walk it.
/// Merge keys (<c>&lt;&lt;: *anchor</c>, used by docker-compose.yml) are resolved as compose resolves them.
/// Shared by the deployment tests and the end-to-end tests that run the services with compose's environment.
/// </summary>
public sealed class YamlNode(object? value, string where)
{
    /// <summary>Where this value is, for failure messages: file and path.</summary>
    public string Where { get; } = where;

    public bool Exists => value is not null;

    public bool IsMapping => value is IDictionary<object, object>;

    public string? Scalar => value as string;

    public YamlNode this[string key] =>
        new(value is IDictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null, $"{Where}.{key}");

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries =>
        value is IDictionary<object, object> map
            ? map.Select(e => KeyValuePair.Create((string)e.Key, new YamlNode(e.Value, $"{Where}.{e.Key}")))
            : [];

    public IReadOnlyList<YamlNode> Items =>
        value is IList<object> list ? list.Select((item, i) => new YamlNode(item, $"{Where}[{i}]")).ToList() : [];

    public string Required() => Scalar ?? throw new InvalidOperationException($"{Where} is missing or not a scalar");

    public static IReadOnlyList<YamlNode> LoadAll(string relativePath)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath.Replace('/', Path.DirectorySeparatorChar))))));
        var documents = new List<YamlNode>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            documents.Add(new YamlNode(deserializer.Deserialize<object?>(parser), $"{relativePath}#{documents.Count}"));
        }

        return documents.Where(d => d.Exists).ToList();
    }

    public static YamlNode Load(string relativePath) => LoadAll(relativePath).Single();
}
