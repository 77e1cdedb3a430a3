using ProactiveSuite.Tests.SchemaValidators;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests against the Kubernetes API schemas (field names, types, required members), with
/// the schemas bundled in the npm package kubernetes-models: offline once tests/run.sh installed it. The
/// operators' custom resources have no schema there and are the only ones left out, by name.
/// </summary>
public sealed class KubernetesSchemaTests
{
    private static readonly string[] OperatorResources = ["MongoDBCommunity", "RabbitmqCluster"];

    [Fact]
    public async Task Every_manifest_is_valid_against_the_kubernetes_schema_of_its_kind()
    {
        var (exitCode, lines, report) = await SchemaValidator.RunAsync("validate-manifests.mjs", KubernetesManifests.Folder);

        Assert.True(exitCode == 0, report);
        Assert.Equal(KubernetesManifests.All().Count, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("invalid", StringComparison.Ordinal));
        Assert.Equal(
            OperatorResources,
            lines.Where(l => l.StartsWith("unknown ", StringComparison.Ordinal)).Select(l => l.Split(' ')[3]).Order(StringComparer.Ordinal));
    }
}
