using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO.Tests.Transport;

/// <summary>One frame the client sent through an <see cref="InMemoryFrameTransport"/>.</summary>
public sealed record SentFrame(FrameKind Kind, byte[] Data)
{
    public string Text => Encoding.UTF8.GetString(Data);

    public override string ToString() => Kind == FrameKind.Text ? Text : $"<binary {Convert.ToHexString(Data)}>";
}

/// <summary>
/// A scripted peer: tests push the server's frames, read the client's frames. Receives complete synchronously when a
/// frame is queued, so pushing many frames up front drives the read loop without yielding (allocation tests).
/// </summary>
public sealed class InMemoryFrameTransport : IFrameTransport
{
    private readonly TaskCompletionSource _closeOutputSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<TransportFrame> _inbound = Channel.CreateUnbounded<TransportFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SentFrame> _sent = Channel.CreateUnbounded<SentFrame>();
    private readonly List<SentFrame> _log = [];
    private int _sending;
    private long _discardedFrames;
    private long _discardedBytes;
    private volatile bool _aborted;

    public bool YieldOnSend { get; set; }

    // While set, sends are counted and dropped synchronously without copying (allocation tests of the send path).
    public bool DiscardSends { get; set; }

    public long DiscardedFrames => Interlocked.Read(ref _discardedFrames);

    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    // While set and not completed, every send waits for it: a server that has stopped reading.
    public TaskCompletionSource? SendGate { get; set; }

    public bool EchoCloseOnCloseOutput { get; set; } = true;

    public bool Aborted => _aborted;

    public bool Disposed { get; private set; }

    public bool CloseOutputSent { get; private set; }

    /// <summary>Completes when the client sends its close frame.</summary>
    public Task CloseOutputSentTask => _closeOutputSent.Task;

    /// <summary>Set when two sends overlapped (a ClientWebSocket would throw).</summary>
    public bool OverlappingSendSeen { get; private set; }

    public IReadOnlyList<SentFrame> SentLog
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public void PushText(string text) => _inbound.Writer.TryWrite(new TransportFrame(FrameKind.Text, Encoding.UTF8.GetBytes(text)));

    public void PushText(byte[] utf8) => _inbound.Writer.TryWrite(new TransportFrame(FrameKind.Text, utf8));

    public void PushBinary(byte[] data) => _inbound.Writer.TryWrite(new TransportFrame(FrameKind.Binary, data));

    public void PushClose() => _inbound.Writer.TryWrite(TransportFrame.Closed(WebSocketCloseStatus.NormalClosure, "bye"));

    /// <summary>Waits for the next frame the client sends (10 s guard).</summary>
    public async Task<SentFrame> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _sent.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for the next text frame the client sends, skipping pongs.</summary>
    public async Task<string> NextSentTextAsync(bool skipPongs = true)
    {
        while (true)
        {
            var frame = await NextSentAsync();
            if (frame.Kind == FrameKind.Text && !(skipPongs && frame.Text == "3"))
            {
                return frame.Text;
            }
        }
    }

    public ValueTask<TransportFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        if (_aborted)
        {
            return ValueTask.FromException<TransportFrame>(new WebSocketException(WebSocketError.InvalidState, "The in-memory transport was aborted."));
        }

        return _inbound.Reader.TryRead(out var frame) ? new ValueTask<TransportFrame>(Bounded(frame, maxMessageBytes)) : ReceiveSlowAsync(maxMessageBytes, cancellationToken);
    }

    // Like the WebSocket transport: a frame over the bound is cut off one byte past it, and the transport is aborted.
    private TransportFrame Bounded(in TransportFrame frame, int maxMessageBytes)
    {
        if (frame.Kind != FrameKind.Close && frame.Payload.Length > maxMessageBytes)
        {
            Abort();
            throw new InboundMessageTooLargeException(maxMessageBytes, maxMessageBytes + 1L);
        }

        return frame;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, FrameKind kind, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _sending, 1) != 0)
        {
            OverlappingSendSeen = true;
        }

        try
        {
            if (DiscardSends)
            {
                Interlocked.Increment(ref _discardedFrames);
                Interlocked.Add(ref _discardedBytes, data.Length);
                return;
            }

            if (YieldOnSend)
            {
                await Task.Yield();
            }

            if (SendGate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            if (_aborted)
            {
                throw new WebSocketException(WebSocketError.InvalidState, "The in-memory transport was aborted.");
            }

            var frame = new SentFrame(kind, data.ToArray());
            lock (_log)
            {
                _log.Add(frame);
            }

            _sent.Writer.TryWrite(frame);
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
        }
    }

    public ValueTask CloseOutputAsync(CancellationToken cancellationToken)
    {
        CloseOutputSent = true;
        _closeOutputSent.TrySetResult();
        if (EchoCloseOnCloseOutput)
        {
            PushClose();
        }

        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        _aborted = true;
        _inbound.Writer.TryComplete(new WebSocketException(WebSocketError.InvalidState, "The in-memory transport was aborted."));
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        Abort();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<TransportFrame> ReceiveSlowAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        try
        {
            var frame = await _inbound.Reader.ReadAsync(cancellationToken);
            if (_aborted)
            {
                throw new WebSocketException(WebSocketError.InvalidState, "The in-memory transport was aborted.");
            }

            return Bounded(frame, maxMessageBytes);
        }
        catch (ChannelClosedException ex)
        {
            throw ex.InnerException ?? ex;
        }
    }
}

/// <summary>Hands out one prepared <see cref="InMemoryFrameTransport"/> and records what the connection asked for.</summary>
public sealed class InMemoryTransportFactory(InMemoryFrameTransport transport) : IFrameTransportFactory
{
    public Uri? Uri { get; private set; }

    public FrameTransportOptions? Options { get; private set; }

    public ValueTask<IFrameTransport> ConnectAsync(Uri uri, FrameTransportOptions options, CancellationToken cancellationToken)
    {
        Uri = uri;
        Options = options;
        return new ValueTask<IFrameTransport>(transport);
    }
}
