namespace ProactiveSuite.Testing;

/// <summary>The dotnet executable to run service dlls with: the one running the tests where that can be told.</summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var current = Environment.ProcessPath;
        if (current is not null && IsDotnet(current))
        {
            return current;
        }

        // Set by the dotnet CLI for the processes it starts (MTP test apps run as their own apphost).
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && IsDotnet(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        return "dotnet";
    }

    private static bool IsDotnet(string path) =>
        System.IO.Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
