namespace ProactiveSuite.Testing;

/// <summary>Reads the last lines of a log file that another process may still be writing.</summary>
internal static class TextFileTail
{
    public static string Read(string path, int lines)
    {
        try
        {
            if (!File.Exists(path))
            {
                return $"({path} does not exist)";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const long maxBytes = 256 * 1024;
            if (stream.Length > maxBytes)
            {
                stream.Seek(-maxBytes, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines + 1)).TrimEnd();
        }
        catch (IOException e)
        {
            return $"(could not read {path}: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(could not read {path}: {e.Message})";
        }
    }
}
