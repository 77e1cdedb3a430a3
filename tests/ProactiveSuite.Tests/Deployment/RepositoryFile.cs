namespace ProactiveSuite.Tests.Deployment;

/// <summary>Files of the repository the tests run from (found above the test binaries).</summary>
internal static class RepositoryFile
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProactiveSuite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds ProactiveSuite.sln");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The full path of <paramref name="relativePath"/> (with '/' separators); throws when it does not exist.</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"{relativePath} does not exist in the repository", path);
    }

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
