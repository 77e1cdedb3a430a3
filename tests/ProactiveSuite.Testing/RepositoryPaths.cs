namespace ProactiveSuite.Testing;

/// <summary>Locates the repository and the build output of its services.</summary>
public static class RepositoryPaths
{
    private const string TargetFramework = "net10.0";
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<string> LazyConfiguration = new(DetectConfiguration);

    /// <summary>
    /// The repository root: the nearest folder above the test binaries holding ProactiveSuite.sln, else the nearest one
    /// holding Directory.Build.props and a services folder.
    /// </summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The build configuration of the running test assembly (from its bin/&lt;Configuration&gt;/ path), default Debug.</summary>
    public static string Configuration => LazyConfiguration.Value;

    /// <summary>&lt;root&gt;/artifacts: build and test output that is not committed.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>
    /// &lt;root&gt;/services/&lt;projectName&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;projectName&gt;.dll; throws when it has not been built.
    /// </summary>
    public static string ServiceDll(string projectName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectName);
        var dll = Path.Combine(Root, "services", projectName, "bin", Configuration, TargetFramework, projectName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"{dll} does not exist: build the solution first (dotnet build ProactiveSuite.sln -c {Configuration}).",
                dll);
        }

        return dll;
    }

    /// <summary>
    /// &lt;root&gt;/tools/&lt;projectName&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;assemblyName&gt;.dll; throws when it has not been built.
    /// </summary>
    public static string ToolDll(string projectName, string assemblyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectName);
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyName);
        var dll = Path.Combine(Root, "tools", projectName, "bin", Configuration, TargetFramework, assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"{dll} does not exist: build the solution first (dotnet build ProactiveSuite.sln -c {Configuration}).",
                dll);
        }

        return dll;
    }

    private static string FindRoot()
    {
        // tests/ has a Directory.Build.props of its own: the solution file decides; the props file (next to a
        // services folder) only where there is no solution file, e.g. in a partial checkout.
        return FindAbove(d => File.Exists(Path.Combine(d, "ProactiveSuite.sln")))
            ?? FindAbove(d => File.Exists(Path.Combine(d, "Directory.Build.props")) && Directory.Exists(Path.Combine(d, "services")))
            ?? throw new DirectoryNotFoundException(
                $"No folder above {AppContext.BaseDirectory} contains ProactiveSuite.sln (or Directory.Build.props and services/): " +
                "run the tests from the repository's build output.");
    }

    private static string? FindAbove(Func<string, bool> isRoot)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (isRoot(directory.FullName))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string DetectConfiguration()
    {
        var segments = AppContext.BaseDirectory.Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar],
            StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (string.Equals(segments[i], "bin", StringComparison.OrdinalIgnoreCase))
            {
                return segments[i + 1];
            }
        }

        return "Debug";
    }
}
