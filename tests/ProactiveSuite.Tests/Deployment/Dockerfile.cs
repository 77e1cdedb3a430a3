using System.Text.Json;

namespace ProactiveSuite.Tests.Deployment;

/// <summary>The instructions of a Dockerfile, by stage (no Docker engine here, so they are read, not built).</summary>
internal sealed record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public DockerStage FinalStage => Stages[^1];

    public static Dockerfile Parse(string relativePath)
    {
        var stages = new List<DockerStage>();
        foreach (var line in LogicalLines(RepositoryFile.Read(relativePath)))
        {
            var split = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var (instruction, arguments) = (split[0].ToUpperInvariant(), split.Length > 1 ? split[1] : "");
            if (instruction == "FROM")
            {
                stages.Add(new DockerStage(arguments.Split(' ')[0]));
                continue;
            }

            if (stages.Count == 0)
            {
                throw new InvalidOperationException($"{relativePath}: {instruction} before the first FROM");
            }

            stages[^1].Instructions.Add((instruction, arguments));
        }

        return new Dockerfile(stages);
    }

    // Continuation lines joined, comments and blank lines dropped.
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }

            current += line;
            if (current.Length > 0)
            {
                yield return current.Trim();
            }

            current = "";
        }
    }
}

internal sealed record DockerStage(string Image)
{
    public List<(string Instruction, string Arguments)> Instructions { get; } = [];

    public IEnumerable<string> All(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    public string? Last(string instruction) => All(instruction).LastOrDefault();

    public string? Exposed => Last("EXPOSE");

    /// <summary>The exec-form (JSON array) arguments of an instruction, e.g. ENTRYPOINT ["dotnet", "x.dll"].</summary>
    public static IReadOnlyList<string> ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments) ?? throw new InvalidOperationException($"not an exec form: {arguments}");
}
