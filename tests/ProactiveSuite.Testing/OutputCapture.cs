namespace ProactiveSuite.Testing;

/// <summary>Keeps the last lines of a process's output in memory and writes every line to a log file.</summary>
internal sealed class OutputCapture : IDisposable
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly StreamWriter? _file;
    private readonly Lock _gate = new();

    public OutputCapture(string logFilePath, int capacity = 500)
    {
        _capacity = capacity;
        LogFilePath = logFilePath;
        try
        {
            _file = new StreamWriter(new FileStream(logFilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
        catch (IOException)
        {
            _file = null; // the in-memory tail still works
        }
        catch (UnauthorizedAccessException)
        {
            _file = null;
        }
    }

    public string LogFilePath { get; }

    public void Append(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }

            try
            {
                _file?.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // a line arriving after dispose
            }
            catch (IOException)
            {
            }
        }
    }

    public string Tail(int lines)
    {
        lock (_gate)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }
}
