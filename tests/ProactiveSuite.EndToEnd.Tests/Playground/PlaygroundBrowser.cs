using ProactiveSuite.Testing;

namespace ProactiveSuite.EndToEnd.Tests.Playground;

/// <summary>
/// The browser test's tools: Debian's Chromium, Node and the playwright-core package of tests/playground. A machine
/// without them cannot check the playground, and that is a failure to fix (bash tests/run.sh installs them), not a
/// reason to report the page as working.
/// </summary>
internal sealed class PlaygroundBrowser
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Chromium's start, the page's polling and nine steps of at most 20 s each fit well inside it.</summary>
    private static readonly TimeSpan SpecTimeout = TimeSpan.FromMinutes(4);

    private readonly string _node;

    private PlaygroundBrowser(string node) => _node = node;

    public static string PackageDirectory => Path.Combine(RepositoryPaths.Root, "tests", "playground");

    public static string Spec => Path.Combine(PackageDirectory, "playground.spec.mjs");

    /// <summary>Fails the test, saying what to install, when a tool is missing.</summary>
    public static PlaygroundBrowser Require()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing, so the playground cannot be tested: install Debian's chromium package " +
                "(apt-get install -y chromium), or run bash tests/run.sh, which installs it.");
        }

        var node = FindOnPath("node");
        if (node is null)
        {
            Assert.Fail("node is not on PATH, so the playground cannot be tested: install Node.js 20 or later.");
        }

        if (!Directory.Exists(Path.Combine(PackageDirectory, "node_modules", "playwright-core")))
        {
            Assert.Fail($"{PackageDirectory}/node_modules has no playwright-core, so the playground cannot be tested: " +
                $"run npm ci in {PackageDirectory}, or bash tests/run.sh, which does.");
        }

        return new PlaygroundBrowser(node);
    }

    /// <summary>Runs the spec against the host at <paramref name="baseUrl"/>; it saves the page to <paramref name="screenshot"/>.</summary>
    public Task<CommandRunner.Result> RunSpecAsync(Uri baseUrl, string screenshot, CancellationToken ct) =>
        CommandRunner.RunAsync(_node, [Spec, baseUrl.ToString(), screenshot], configureEnvironment: null, SpecTimeout, ct);

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
