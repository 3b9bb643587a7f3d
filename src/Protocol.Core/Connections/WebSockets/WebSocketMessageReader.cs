using System.ComponentModel;
using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Protocol.Infrastructure;

/// <summary>
/// The one receive loop of every WebSocket connection (Socket.IO and JSON actions; client sockets now, server-accepted
/// ones later): it receives each message into a <see cref="Pipe"/> whose segments come from a <see cref="MemoryPool{T}"/>
/// (no contiguous buffer doubled until the message fits) and hands the whole message to the caller, on the same loop,
/// as a <see cref="ReadOnlySequence{T}"/> to parse in place. <see cref="MaxMessageBytes"/> caps a message; crossing it is
/// detected without buffering past it.
/// </summary>
/// <remarks>
/// No in-band header (opcode, length) is written into the pipe: this loop is both the pipe's only writer and its only
/// reader, and holds at most one message in it (the previous one is consumed before the next is received), so the
/// message's type and end are known here as locals. A header is for a writer and a reader running apart.
/// One <see cref="ReceiveAsync(CancellationToken)"/> at a time. <see cref="Dispose"/> may race with a receive: the pipe's segments then go
/// back to the pool when that receive ends, never while the socket may still write into one.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WebSocketMessageReader : IDisposable
{
    private const int StateIdle = 0;
    private const int StateReceiving = 1;
    private const int StateDisposed = 2;
    private const int StateDisposedWhileReceiving = 3;

    // Each read asks for at least this much room (a block's tail smaller than it starts a new block).
    private const int MinimumReadSize = 1024;

    private readonly WebSocket _socket;
    private readonly Pipe _pipe;
    private readonly MemoryPool<byte>? _ownedPool;
    private readonly int _readHint;
    private SequencePosition? _messageEnd;
    private int _state;

    /// <summary>Creates the reader over a connected socket. It does not own the socket.</summary>
    /// <param name="socket">The socket; any <see cref="WebSocket"/> (a <see cref="ClientWebSocket"/>, or one a server accepted).</param>
    /// <param name="maxMessageBytes">The largest message accepted, in bytes.</param>
    /// <param name="pool">Where the pipe's segments come from; a private pool of reused 16 KiB blocks when null.</param>
    public WebSocketMessageReader(WebSocket socket, int maxMessageBytes, MemoryPool<byte>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _socket = socket;
        MaxMessageBytes = maxMessageBytes;
        if (pool is null)
        {
            pool = _ownedPool = new ReceiveBlockPool();
        }

        var segment = pool.MaxBufferSize is > 0 and < ReceiveBlockPool.BlockSize ? pool.MaxBufferSize : ReceiveBlockPool.BlockSize;

        // Never more than the pool's blocks: the pipe serves a bigger request from ArrayPool<byte>.Shared instead.
        _readHint = Math.Min(MinimumReadSize, segment);

        // No back-pressure thresholds: the bound is enforced here, and the reader is this very loop, so a paused
        // writer would wait for itself.
        _pipe = new Pipe(new PipeOptions(
            pool,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            minimumSegmentSize: segment,
            useSynchronizationContext: false));
    }

    /// <summary>The largest message accepted, in bytes.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>
    /// Called on the receive loop whenever the socket delivered bytes, even a fragment of a message not yet whole: proof
    /// of life for a liveness check while a large message trickles in. Keep it short.
    /// </summary>
    public Action? DataReceived { get; set; }

    /// <summary>
    /// Receives the next whole message. The previous message's bytes are released first: a message is valid only until
    /// the next call.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (the socket is then aborted, as a WebSocket does).</param>
    /// <returns>The message, or a <see cref="WebSocketMessageType.Close"/> message once the peer has closed.</returns>
    /// <exception cref="InboundMessageTooLargeException">The message crossed <see cref="MaxMessageBytes"/>; nothing past the bound was read.</exception>
    /// <exception cref="WebSocketException">The socket failed; when the peer broke the protocol (invalid UTF-8 in a text message, a bad frame) the message says so.</exception>
    public ValueTask<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken) => ReceiveAsync(MaxMessageBytes, cancellationToken);

    /// <summary>
    /// Receives the next whole message under a tighter bound than <see cref="MaxMessageBytes"/>: what is left of it, for
    /// example, while a message made of several WebSocket messages (a Socket.IO binary header and its attachments) is
    /// being reassembled, so the whole stays under the bound without reading past it.
    /// </summary>
    /// <param name="maxMessageBytes">The most this message may hold, 0 to <see cref="MaxMessageBytes"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (the socket is then aborted, as a WebSocket does).</param>
    /// <returns>The message, or a <see cref="WebSocketMessageType.Close"/> message once the peer has closed.</returns>
    /// <exception cref="InboundMessageTooLargeException">The message crossed <paramref name="maxMessageBytes"/>; nothing past it was read.</exception>
    /// <exception cref="WebSocketException">The socket failed.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessage> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessageBytes, MaxMessageBytes);
        var state = Interlocked.CompareExchange(ref _state, StateReceiving, StateIdle);
        if (state != StateIdle)
        {
            ObjectDisposedException.ThrowIf(state >= StateDisposed, this);
            throw new InvalidOperationException("Only one ReceiveAsync may be outstanding on a WebSocketMessageReader.");
        }

        WebSocketMessage message;
        try
        {
            message = await ReceiveMessageAsync(maxMessageBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _state, StateIdle, StateReceiving) != StateReceiving)
            {
                // Disposed while this receive ran: the segments are free to go back only now, and the message that
                // may have arrived lived in them.
                CompletePipe();
            }
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) >= StateDisposed, this);
        return message;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessage> ReceiveMessageAsync(int limit, CancellationToken cancellationToken)
    {
        ReleaseMessage();
        var writer = _pipe.Writer;

        // One byte past the bound is read, so a message that crosses it is seen at once.
        var ceiling = limit + 1L;
        long count = 0;
        while (true)
        {
            var memory = writer.GetMemory(_readHint);
            var room = (int)Math.Min(memory.Length, ceiling - count);
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(memory[..room], cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException ex) when (CloseStatusText.IsProtocolViolation(ex))
            {
                throw new WebSocketException(WebSocketError.Faulted, CloseStatusText.ProtocolViolation, ex);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new WebSocketMessage(WebSocketMessageType.Close, default, _socket.CloseStatus, _socket.CloseStatusDescription);
            }

            writer.Advance(result.Count);
            count += result.Count;
            DataReceived?.Invoke();
            if (count > limit)
            {
                throw new InboundMessageTooLargeException(limit, count);
            }

            if (result.EndOfMessage && count == 0)
            {
                // An empty message (an empty attachment is legal): nothing was published, so nothing is read.
                return new WebSocketMessage(result.MessageType, default, null, null);
            }

            if (result.EndOfMessage)
            {
                // Without thresholds a flush completes synchronously: it only publishes the bytes to the reader.
                await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                if (!_pipe.Reader.TryRead(out var read))
                {
                    throw new InvalidOperationException("The receive pipe did not return a message it was just given; this is a bug in WebSocketMessageReader.");
                }

                _messageEnd = read.Buffer.End;
                return new WebSocketMessage(result.MessageType, read.Buffer, null, null);
            }
        }
    }

    /// <summary>Releases the pipe's segments to the pool (at once, or when a running receive ends). Does not close the socket.</summary>
    public void Dispose()
    {
        while (true)
        {
            switch (Interlocked.CompareExchange(ref _state, StateDisposed, StateIdle))
            {
                case StateIdle:
                    CompletePipe();
                    return;
                case StateReceiving:
                    if (Interlocked.CompareExchange(ref _state, StateDisposedWhileReceiving, StateReceiving) == StateReceiving)
                    {
                        return;
                    }

                    continue;
                default:
                    return;
            }
        }
    }

    private void ReleaseMessage()
    {
        if (_messageEnd is { } end)
        {
            _messageEnd = null;
            _pipe.Reader.AdvanceTo(end);
        }
    }

    private void CompletePipe()
    {
        _messageEnd = null;

        // Completing both ends returns every segment, consumed or not, to the pool.
        _pipe.Writer.Complete();
        _pipe.Reader.Complete();
        _ownedPool?.Dispose();
    }
}
