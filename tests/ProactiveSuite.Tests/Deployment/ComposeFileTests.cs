using ProactiveSuite.Testing;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// docker-compose.yml beyond what <c>docker-compose config -q</c> (tests/run.sh) checks: every container
/// restarts and reports its health, nothing starts before what it needs is healthy, the consumers bind
/// their queues before the Gateway publishes, and every setting is one the services read.
/// </summary>
public sealed class ComposeFileTests
{
    /// <summary>Containers that cannot run a health check, and why.</summary>
    private static readonly Dictionary<string, string> WithoutHealthCheck = new()
    {
        ["otel-collector"] = "its image holds the collector binary alone: no shell, no wget to probe with",
    };

    private static YamlNode Services => YamlNode.Load("docker-compose.yml")["services"];

    [Fact]
    public void Every_container_restarts_unless_stopped()
    {
        Assert.All(Services.Entries, s => Assert.True(s.Value["restart"].Scalar == "unless-stopped", $"{s.Key}: restart is '{s.Value["restart"].Scalar}'"));
    }

    [Fact]
    public void Every_container_has_a_health_check_unless_its_image_cannot_run_one()
    {
        Assert.All(Services.Entries.Where(s => !WithoutHealthCheck.ContainsKey(s.Key)), s =>
            Assert.True(s.Value["healthcheck"]["test"].Items.Count > 1, $"{s.Key} has no health check"));
        Assert.All(WithoutHealthCheck.Keys, name => Assert.True(Services[name].Exists, $"{name} is listed as without health check but is not in compose"));
    }

    [Fact]
    public void Every_dependency_on_a_container_with_a_health_check_waits_until_it_is_healthy()
    {
        foreach (var (name, service) in Services.Entries)
        {
            Assert.False(service["depends_on"].Items.Count > 0, $"{name}: depends_on is a list, which only waits for the start, not for health");
            foreach (var (dependency, condition) in service["depends_on"].Entries)
            {
                var expected = Services[dependency]["healthcheck"].Exists ? "service_healthy" : "service_started";
                Assert.True(condition["condition"].Scalar == expected, $"{name} depends on {dependency} with condition '{condition["condition"].Scalar}', expected {expected}");
            }
        }
    }

    [Fact]
    public void The_gateway_starts_after_the_services_that_consume_what_it_publishes()
    {
        // RabbitMQ drops an event published to an exchange no queue is bound to yet.
        var gateway = Services["gateway"]["depends_on"];

        Assert.Equal("service_healthy", gateway["registry"]["condition"].Scalar);
        Assert.Equal("service_healthy", gateway["dispatcher"]["condition"].Scalar);
        Assert.Equal("service_healthy", Services["dispatcher"]["depends_on"]["registry"]["condition"].Scalar);
    }

    [Fact]
    public void The_services_health_check_is_the_one_their_dockerfiles_declare()
    {
        foreach (var (name, project) in KubernetesManifests.Services)
        {
            var compose = Services[name]["healthcheck"]["test"].Items.Select(i => i.Required()).ToList();
            var healthcheck = Dockerfile.Parse($"services/{project}/Dockerfile").FinalStage.Last("HEALTHCHECK");
            Assert.True(healthcheck is not null, $"services/{project}/Dockerfile has no HEALTHCHECK");
            var dockerfile = DockerStage.ExecForm(healthcheck[healthcheck.IndexOf("CMD [", StringComparison.Ordinal)..][4..]);

            Assert.Equal(["CMD", .. dockerfile], compose);
        }
    }

    [Fact]
    public void Every_environment_variable_of_the_services_sets_a_configuration_key_they_read()
    {
        foreach (var name in KubernetesManifests.Services.Keys)
        {
            var environment = Services[name]["environment"];
            Assert.True(environment.IsMapping, $"{name}: environment is not a mapping");
            Assert.All(environment.Entries, e => Assert.True(
                ConfigurationKeys.IsRead(e.Key),
                $"docker-compose.yml {name}: no service reads {e.Key}. Known keys:\n  {string.Join("\n  ", ConfigurationKeys.Known)}"));
        }
    }
}
