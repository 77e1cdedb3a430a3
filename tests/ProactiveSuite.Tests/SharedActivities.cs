using System.Text.Json.Nodes;

namespace ProactiveSuite.Tests;

/// <summary>The real-shaped channel activities in ../shared/activities, beside the repository.</summary>
public static class SharedActivities
{
    public static string Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "activities", name);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"../shared/activities/{name} was not found above {AppContext.BaseDirectory}");
    }

    public static JsonObject ReadObject(string name) => JsonNode.Parse(Read(name))!.AsObject();
}
