namespace Bourse.LocalEmulators.Processes;

/// <summary>The last lines a process wrote to one stream, kept to explain a failure.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, indented, or "(nothing)" when the stream was empty.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "    (nothing)" : string.Join(Environment.NewLine, _lines.Select(line => "    " + line));
        }
    }
}
