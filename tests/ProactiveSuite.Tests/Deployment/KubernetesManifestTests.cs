using ProactiveSuite.Testing;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests cannot be applied here (no cluster, no kubectl), so what would go wrong on a
/// cluster is checked against the code instead: well-formed resources, settings the services really read,
/// the images and ports the Dockerfiles and compose build, pods that run without privileges, secrets only
/// by reference. The probe paths are checked against running services by <see cref="ServiceProbeTests"/>.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Probes = ["startupProbe", "readinessProbe", "livenessProbe"];
    private static readonly string[] SecretNames = ["Password", "ApiKeys", "ConnectionString", "RabbitMqUri", "MicrosoftAppId", "TenantId"];

    [Fact]
    public void Every_manifest_has_an_api_version_a_kind_and_a_name()
    {
        var manifests = KubernetesManifests.All();

        Assert.NotEmpty(manifests);
        Assert.All(manifests, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m["apiVersion"].Scalar), $"{m.Where}: apiVersion is missing");
            Assert.False(string.IsNullOrWhiteSpace(m["kind"].Scalar), $"{m.Where}: kind is missing");
            Assert.False(string.IsNullOrWhiteSpace(m["metadata"]["name"].Scalar), $"{m.Where}: metadata.name is missing");
        });
    }

    [Fact]
    public void Every_namespaced_resource_is_in_the_proactivesuite_namespace()
    {
        Assert.All(KubernetesManifests.All().Where(m => m["kind"].Scalar != "Namespace"), m =>
            Assert.True(m["metadata"]["namespace"].Scalar == "proactivesuite", $"{m.Where} ({m["kind"].Scalar} {m["metadata"]["name"].Scalar}) is not in namespace proactivesuite"));
    }

    [Fact]
    public void There_is_a_deployment_and_a_service_for_each_of_the_three_services_and_nothing_else_is_deployed()
    {
        Assert.Equal(
            KubernetesManifests.Services.Keys.Order(),
            KubernetesManifests.OfKind("Deployment").Select(d => d["metadata"]["name"].Required()).Order());
        foreach (var name in KubernetesManifests.Services.Keys)
        {
            var service = KubernetesManifests.OfKind("Service").SingleOrDefault(s => s["metadata"]["name"].Scalar == name);
            Assert.True(service is not null, $"no Service for the {name} Deployment");
            Assert.Equal(name, service["spec"]["selector"]["app.kubernetes.io/name"].Scalar);
            Assert.Equal(name, KubernetesManifests.Deployment(name)["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"].Scalar);
        }
    }

    [Fact]
    public void Every_environment_variable_sets_a_configuration_key_a_service_reads()
    {
        var set = KubernetesManifests.OfKind("Deployment")
            .SelectMany(d => KubernetesManifests.EnvironmentOf(KubernetesManifests.Container(d)))
            .ToList();

        Assert.NotEmpty(set);
        Assert.All(set, e => Assert.True(
            ConfigurationKeys.IsRead(e.Name),
            $"{e.Entry.Where}: no service reads {e.Name} ({e.Name.Replace("__", ":", StringComparison.Ordinal)}). Known keys:\n  {string.Join("\n  ", ConfigurationKeys.Known)}"));
    }

    [Fact]
    public void Secrets_are_referenced_and_never_written_in_a_file()
    {
        Assert.Empty(KubernetesManifests.OfKind("Secret"));
        foreach (var deployment in KubernetesManifests.OfKind("Deployment"))
        {
            foreach (var (name, entry) in KubernetesManifests.EnvironmentOf(KubernetesManifests.Container(deployment)))
            {
                if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    Assert.True(entry["valueFrom"]["secretKeyRef"]["name"].Exists, $"{entry.Where}: {name} is a secret, so it must come from a secretKeyRef");
                }
            }
        }
    }

    [Fact]
    public void Every_container_runs_as_a_non_root_user_without_privileges_on_a_read_only_file_system()
    {
        Assert.All(KubernetesManifests.OfKind("Deployment"), deployment =>
        {
            var pod = deployment["spec"]["template"]["spec"];
            var container = KubernetesManifests.Container(deployment);
            var where = container.Where;
            Assert.True(pod["securityContext"]["runAsNonRoot"].Scalar == "true" || container["securityContext"]["runAsNonRoot"].Scalar == "true", $"{where}: runAsNonRoot is not true");
            var user = container["securityContext"]["runAsUser"].Scalar ?? pod["securityContext"]["runAsUser"].Scalar;
            Assert.True(user is not null && int.Parse(user, System.Globalization.CultureInfo.InvariantCulture) > 0, $"{where}: runAsUser must be set to a non-root user id");
            Assert.True(container["securityContext"]["readOnlyRootFilesystem"].Scalar == "true", $"{where}: readOnlyRootFilesystem is not true");
            Assert.True(container["securityContext"]["allowPrivilegeEscalation"].Scalar == "false", $"{where}: allowPrivilegeEscalation is not false");
            Assert.Contains("ALL", container["securityContext"]["capabilities"]["drop"].Items.Select(i => i.Scalar));
        });
    }

    [Fact]
    public void Every_container_has_probes_and_resource_requests()
    {
        Assert.All(KubernetesManifests.OfKind("Deployment"), deployment =>
        {
            var container = KubernetesManifests.Container(deployment);
            foreach (var probe in Probes)
            {
                Assert.True(container[probe]["httpGet"]["path"].Exists, $"{container.Where}: {probe} has no httpGet path");
                Assert.Equal("http", container[probe]["httpGet"]["port"].Scalar);
            }

            Assert.True(container["resources"]["requests"]["cpu"].Exists && container["resources"]["requests"]["memory"].Exists, $"{container.Where}: no cpu and memory requests");
            Assert.True(container["resources"]["limits"]["memory"].Exists, $"{container.Where}: no memory limit");
        });
    }

    [Fact]
    public void Images_and_ports_are_the_ones_the_dockerfiles_and_compose_build()
    {
        var compose = YamlNode.Load("docker-compose.yml")["services"];
        foreach (var (name, project) in KubernetesManifests.Services)
        {
            var container = KubernetesManifests.Container(KubernetesManifests.Deployment(name));
            var composeService = compose[name];
            Assert.True(composeService.Exists, $"docker-compose.yml has no service {name}");

            Assert.Equal(Repository(composeService["image"].Required()), Repository(container["image"].Required()));
            Assert.Equal($"services/{project}/Dockerfile", composeService["build"]["dockerfile"].Scalar);

            var dockerfile = Dockerfile.Parse($"services/{project}/Dockerfile");
            var containerPort = container["ports"].Items.Single(p => p["name"].Scalar == "http")["containerPort"].Required();
            Assert.Equal(dockerfile.FinalStage.Exposed, containerPort);
            Assert.Contains(composeService["ports"].Items, p => p.Required().EndsWith(":" + containerPort, StringComparison.Ordinal));
        }

        static string Repository(string image) => image.Split('@')[0].Split(':')[0];
    }

    [Fact]
    public void Each_dispatcher_paces_itself_to_its_share_of_the_rate_limits()
    {
        var deployment = KubernetesManifests.Deployment("dispatcher");
        var share = KubernetesManifests.EnvironmentOf(KubernetesManifests.Container(deployment))
            .Where(e => e.Name == "Dispatcher__RateLimits__Replicas")
            .Select(e => e.Entry["value"].Scalar ?? e.Entry.Scalar)
            .SingleOrDefault();

        Assert.True(share is not null, "the dispatcher Deployment does not set Dispatcher__RateLimits__Replicas: every replica would use the whole budget");
        Assert.Equal(deployment["spec"]["replicas"].Required(), share);
    }
}
