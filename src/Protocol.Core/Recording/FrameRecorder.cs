using System.Text;
using System.Text.Unicode;
using System.Threading.Channels;

namespace Protocol;

/// <summary>
/// Writes every frame of a client's sessions, secrets redacted, in the test kit's script form (<c>&gt; sent</c>,
/// <c>&lt; received</c>, <c>b64:</c> for binary frames and attachments, <c>#</c> comments marking sessions), so a problem
/// met on the real platform can be replayed offline (<c>ScriptedExchange.FromRecording</c> in Protocol.Testing).
/// Attach it with <see cref="ClientBuilder{TState}.RecordFrames"/>; dispose it after the client to flush the rest.
/// </summary>
/// <remarks>
/// Recording never slows the receive path: frames are queued (up to <see cref="FrameRecorderOptions.Capacity"/>) and
/// written by a background loop; beyond that they are dropped, counted in <see cref="DroppedCount"/>, and the recording
/// says where. Values of <see cref="FrameRecorderOptions.SecretKeys"/> are replaced by <c>"[redacted]"</c> before a line
/// is queued, and endpoints are printed without user info or query. Whitespace line breaks inside a frame are written as
/// spaces (insignificant in JSON), so every message is one line.
/// </remarks>
public sealed class FrameRecorder : IAsyncDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly SecretRedactor _redactor;
    private readonly Channel<string> _lines;
    private readonly Task _pump;
    private readonly Lock _gate = new();
    private long _dropped;
    private long _droppedReported;
    private long _recorded;
    private int _session;
    private int _disposed;

    /// <summary>Records into a writer.</summary>
    /// <param name="writer">Where the lines go (written from a background loop, one writer at a time).</param>
    /// <param name="options">Secret keys and queue size; defaults when null.</param>
    /// <param name="leaveOpen">Whether <see cref="DisposeAsync"/> leaves <paramref name="writer"/> open.</param>
    public FrameRecorder(TextWriter writer, FrameRecorderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        options ??= new FrameRecorderOptions();
        options.Validate();
        _writer = writer;
        _ownsWriter = !leaveOpen;
        _redactor = new SecretRedactor(options.SecretKeys);
        _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the frame is counted as dropped
        });
        Enqueue("# Protocol recording v1: '>' sent by the client, '<' received, 'b64:' a binary frame; secrets redacted.");
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Records into a new UTF-8 file (replaced if it exists).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Secret keys and queue size; defaults when null.</param>
    /// <returns>The recorder; dispose it after the client to flush and close the file.</returns>
    public static FrameRecorder ToFile(string path, FrameRecorderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FrameRecorder(new StreamWriter(path, append: false, new UTF8Encoding(false)), options);
    }

    /// <summary>Frames dropped because the writer fell <see cref="FrameRecorderOptions.Capacity"/> lines behind.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Messages recorded (sent and received; a message's attachments count with it).</summary>
    public long RecordedCount => Interlocked.Read(ref _recorded);

    /// <summary>Stops recording, writes what is queued and closes the writer (unless it was left open).</summary>
    /// <returns>A task that completes when everything queued is written.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Frames lost since the last line that got through are marked at the end (waiting for room is fine here).
        var lost = Interlocked.Read(ref _dropped) - _droppedReported;
        if (lost > 0)
        {
            await _lines.Writer.WriteAsync($"# {lost} message(s) dropped here: the recorder's writer fell behind").ConfigureAwait(false);
        }

        lock (_gate)
        {
            _lines.Writer.TryComplete();
        }

        await _pump.ConfigureAwait(false);
        if (_ownsWriter)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void SessionStarted(ConnectionEndpoint endpoint)
        => Enqueue($"# session {Interlocked.Increment(ref _session)}: {endpoint}");

    internal void SessionEnded(DisconnectInfo info)
        => Enqueue($"# session {Volatile.Read(ref _session)} ended: {info.Reason}");

    internal void SendFailed(Exception error)
        => Enqueue($"# the message above was not sent: {error.GetType().Name}");

    internal void Sent(in OutgoingMessage message)
    {
        var text = new StringBuilder();
        Append(text, '>', message.IsText, message.Content.Span);
        foreach (var attachment in message.Attachments.Span)
        {
            Append(text, '>', false, attachment.Span);
        }

        Record(text);
    }

    internal void Received(MessageView message)
    {
        var text = new StringBuilder();
        Append(text, '<', Utf8.IsValid(message.Raw), message.Raw);
        foreach (var attachment in message.Attachments)
        {
            Append(text, '<', false, attachment.Span);
        }

        Record(text);
    }

    private void Append(StringBuilder text, char direction, bool isText, ReadOnlySpan<byte> bytes)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(direction).Append(' ');
        if (isText)
        {
            text.Append(_redactor.Redact(Encoding.UTF8.GetString(bytes)).Replace('\r', ' ').Replace('\n', ' '));
        }
        else
        {
            text.Append("b64: ").Append(Convert.ToBase64String(_redactor.Redact(bytes)));
        }
    }

    private void Record(StringBuilder text)
    {
        if (Enqueue(text.ToString()))
        {
            Interlocked.Increment(ref _recorded);
        }
    }

    private bool Enqueue(string line)
    {
        lock (_gate)
        {
            var dropped = Interlocked.Read(ref _dropped);
            if (dropped != _droppedReported)
            {
                if (!_lines.Writer.TryWrite($"# {dropped - _droppedReported} message(s) dropped here: the recorder's writer fell behind"))
                {
                    Interlocked.Increment(ref _dropped);
                    return false;
                }

                _droppedReported = dropped;
            }

            if (_lines.Writer.TryWrite(line))
            {
                return true;
            }

            Interlocked.Increment(ref _dropped);
            return false;
        }
    }

    private async Task PumpAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
            {
                await _writer.WriteLineAsync(line).ConfigureAwait(false);
            }

            // Caught up: make what is written visible (a crash later still leaves the frames before it on disk).
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }
}
