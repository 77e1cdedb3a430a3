using System.Reflection;

namespace ProactiveSuite.Host.Playground;

/// <summary>
/// The playground page's files, embedded in the Host assembly. Embedded rather than read from a content root because
/// the Host starts from the repository root (<c>dotnet run --project</c>) and from its build folder (the tests), and
/// because static-file middleware would run behind the operator fallback policy, which the page's files must not need.
/// </summary>
internal sealed class PlaygroundAssets
{
    /// <summary>The <c>LogicalName</c> prefix the project file gives the page's files.</summary>
    private const string ResourcePrefix = "playground/";

    private readonly Dictionary<string, PlaygroundAsset> _assets;

    private PlaygroundAssets(Dictionary<string, PlaygroundAsset> assets) => _assets = assets;

    public static PlaygroundAssets Load()
    {
        var assembly = typeof(PlaygroundAssets).Assembly;
        var assets = new Dictionary<string, PlaygroundAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = name[ResourcePrefix.Length..];
            assets[fileName] = new PlaygroundAsset(Read(assembly, name), ContentTypeOf(fileName));
        }

        return assets.ContainsKey("index.html")
            ? new PlaygroundAssets(assets)
            : throw new InvalidOperationException("The Host was built without its playground page (Playground/wwwroot/index.html).");
    }

    public PlaygroundAsset? Find(string fileName) => _assets.GetValueOrDefault(fileName);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

/// <summary>One file of the page.</summary>
internal sealed record PlaygroundAsset(byte[] Content, string ContentType);
