using System.Text;
using System.Threading.Channels;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Host;

/// <summary>A <see cref="TextWriter"/> whose lines a test reads as they are written (every wait has a safety net).</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Writer.TryWrite(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    /// <summary>The next whole line written.</summary>
    public Task<string> NextLineAsync() => _lines.Reader.ReadAsync().AsTask().WithSafetyNet();

    /// <summary>The lines written so far and not read yet.</summary>
    public string Rest()
    {
        var rest = new StringBuilder();
        while (_lines.Reader.TryRead(out var line))
        {
            rest.AppendLine(line);
        }

        return rest.ToString();
    }
}
