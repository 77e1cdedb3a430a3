using System.Globalization;

namespace ProactiveSuite.Testing;

/// <summary>Where test helpers write log files: &lt;root&gt;/artifacts/test-logs (gitignored), else the temp folder.</summary>
internal static class TestLogDirectory
{
    private static readonly Lazy<string> LazyPath = new(Create);

    public static string Path => LazyPath.Value;

    /// <summary>A new, unique file name in the log directory, e.g. notifier-20250101-120000-1234-ab12cd34.log.</summary>
    public static string NewFile(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return System.IO.Path.Combine(
            Path,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{safe}-{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Random.Shared.Next():x8}.log"));
    }

    private static string Create()
    {
        string directory;
        try
        {
            directory = System.IO.Path.Combine(RepositoryPaths.Artifacts, "test-logs");
        }
        catch (DirectoryNotFoundException)
        {
            directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "proactivesuite-test-logs");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }
}
