using System.Xml.Linq;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>
/// The services' Dockerfiles (no Docker engine here to build them): two stages, the smaller runtime image
/// running as a numeric non-root user, and a restore layer that really holds every project the service
/// needs (a project missing from it fails only when the image is built, far from here).
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Projects() => [.. KubernetesManifests.Services.Values];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime_image(string project)
    {
        var dockerfile = Dockerfile.Parse($"services/{project}/Dockerfile");

        Assert.True(dockerfile.Stages.Count >= 2, $"{project}: not a multi-stage build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", dockerfile.Stages[0].Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.FinalStage.Image, StringComparison.Ordinal);
        Assert.Contains(dockerfile.FinalStage.All("COPY"), c => c.StartsWith("--from=", StringComparison.Ordinal));
        Assert.Equal(["dotnet", $"{project}.dll"], DockerStage.ExecForm(dockerfile.FinalStage.Last("ENTRYPOINT")!));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Runs_as_a_numeric_non_root_user(string project)
    {
        var user = Dockerfile.Parse($"services/{project}/Dockerfile").FinalStage.Last("USER");

        // $APP_UID is the .NET images' unprivileged user, 1654. A name (USER app) would also be non-root, but
        // Kubernetes' runAsNonRoot cannot verify a name and refuses to start the pod.
        Assert.True(
            user == "$APP_UID" || (int.TryParse(user, out var uid) && uid > 0),
            $"{project}: the runtime stage's USER is '{user}', not a numeric non-root user");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Listens_on_all_interfaces_on_the_exposed_port(string project)
    {
        var stage = Dockerfile.Parse($"services/{project}/Dockerfile").FinalStage;

        // ServiceDefaults binds localhost only unless ASPNETCORE_URLS (or urls) is set.
        Assert.Contains($"ASPNETCORE_URLS=http://+:{stage.Exposed}", stage.All("ENV"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_restore_layer_holds_every_project_and_build_file_the_service_needs(string project)
    {
        var build = Dockerfile.Parse($"services/{project}/Dockerfile").Stages[0];
        var restoreAt = build.Instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restoreAt >= 0, $"{project}: the build stage has no dotnet restore");
        var copied = build.Instructions.Take(restoreAt)
            .Where(i => i.Instruction == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(BuildInputs($"services/{project}/{project}.csproj"), needed =>
            Assert.True(copied.Contains(needed), $"{project}: {needed} is needed to restore but is not copied before dotnet restore"));
    }

    /// <summary>The project, every project it references (transitively), what they import, and the shared build files.</summary>
    private static SortedSet<string> BuildInputs(string projectPath)
    {
        var inputs = new SortedSet<string>(StringComparer.Ordinal) { "global.json", "Directory.Build.props", "Directory.Packages.props" };
        var pending = new Stack<string>([projectPath]);
        while (pending.TryPop(out var project))
        {
            if (!inputs.Add(project))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            var xml = XDocument.Parse(RepositoryFile.Read(project));
            foreach (var reference in xml.Descendants("ProjectReference").Select(e => (string)e.Attribute("Include")!))
            {
                pending.Push(Normalize(directory, reference));
            }

            foreach (var import in xml.Descendants("Import").Select(e => (string)e.Attribute("Project")!))
            {
                inputs.Add(Normalize(directory, import));
            }
        }

        return inputs;
    }

    private static string Normalize(string directory, string relative) =>
        Path.GetRelativePath(RepositoryFile.Root, Path.GetFullPath(Path.Combine(RepositoryFile.Root, directory, relative.Replace('\\', '/'))))
            .Replace(Path.DirectorySeparatorChar, '/');
}
