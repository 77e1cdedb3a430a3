using System.Diagnostics;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests against the Kubernetes API schemas (field names, types, required members), with
/// the schemas bundled in the npm package kubernetes-models: offline once installed. tests/run.sh installs it
/// into artifacts/kubernetes-schema (package.json and lock file: KubernetesSchema/); without it the test says
/// so and does not run. The operators' custom resources have no schema there and are the only ones left out.
/// </summary>
public sealed class KubernetesSchemaTests
{
    private const string InstallFolder = "artifacts/kubernetes-schema";
    private static readonly string[] OperatorResources = ["MongoDBCommunity", "RabbitmqCluster"];

    [Fact]
    public async Task Every_manifest_is_valid_against_the_kubernetes_schema_of_its_kind()
    {
        var install = Path.Combine(RepositoryFile.Root, InstallFolder);
        if (!Directory.Exists(Path.Combine(install, "node_modules", "kubernetes-models")))
        {
            Assert.Skip($"the schema validator is not installed in {InstallFolder}: tests/run.sh installs it (npm ci)");
        }

        // The script runs from the install folder so that its imports find the packages; copied on every run so
        // that the one in the repository is the one that runs.
        var script = Path.Combine(install, "validate-manifests.mjs");
        File.Copy(RepositoryFile.PathOf("tests/ProactiveSuite.Tests/Deployment/KubernetesSchema/validate-manifests.mjs"), script, overwrite: true);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = install };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryFile.PathOf(KubernetesManifests.Folder));

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var report = $"node validate-manifests.mjs said:\n{await output}{await errors}";

        Assert.True(process.ExitCode == 0, report);
        Assert.Equal(KubernetesManifests.All().Count, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("invalid", StringComparison.Ordinal));
        Assert.Equal(
            OperatorResources,
            lines.Where(l => l.StartsWith("unknown ", StringComparison.Ordinal)).Select(l => l.Split(' ')[3]).Order(StringComparer.Ordinal));
    }
}
