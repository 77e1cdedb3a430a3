using System.Diagnostics;
using ProactiveSuite.Tests.Deployment;

namespace ProactiveSuite.Tests.SchemaValidators;

/// <summary>
/// Runs one of the node scripts of this folder with the npm packages tests/run.sh installed into
/// artifacts/schema-validators (package.json and the lock file are here). Without them the calling test
/// is skipped with a reason, so a machine without node says what did not run instead of passing.
/// </summary>
internal static class SchemaValidator
{
    public const string InstallFolder = "artifacts/schema-validators";

    public static async Task<(int ExitCode, string[] Lines, string Report)> RunAsync(string script, string target)
    {
        var install = Path.Combine(RepositoryFile.Root, InstallFolder);
        if (!File.Exists(Path.Combine(install, "package-lock.json")) || !Directory.Exists(Path.Combine(install, "node_modules")))
        {
            Assert.Skip($"the schema validators are not installed in {InstallFolder}: tests/run.sh installs them (npm ci)");
        }

        // The script runs from the install folder so that its imports find the packages; it is copied on every
        // run so that the one in the repository is the one that runs.
        var installed = Path.Combine(install, script);
        File.Copy(RepositoryFile.PathOf($"tests/ProactiveSuite.Tests/SchemaValidators/{script}"), installed, overwrite: true);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = install };
        start.ArgumentList.Add(installed);
        start.ArgumentList.Add(RepositoryFile.PathOf(target));

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        return (process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries), $"node {script} {target} said:\n{text}{await errors}");
    }
}
