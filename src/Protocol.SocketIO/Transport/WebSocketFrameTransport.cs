using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Protocol.Connections;
using Protocol.Connections.WebSockets;

namespace Protocol.SocketIO.Transport;

/// <summary>
/// <see cref="IFrameTransport"/> over one <see cref="ClientWebSocket"/>: whole messages with their text/binary type,
/// fragments joined into one pooled, reusable receive buffer, the inbound size limit enforced while accumulating.
/// </summary>
public sealed class WebSocketFrameTransport : IFrameTransport
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MinimumReadSize = 4 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly int _maxFrameSize;

    // Reads never go past this many bytes, so a message one byte over the limit is detected without buffering the rest.
    private readonly int _readCeiling;
    private byte[] _buffer;
    private int _receiving;
    private int _disposed;

    private WebSocketFrameTransport(ClientWebSocket socket, int maxFrameSize)
    {
        _socket = socket;
        _maxFrameSize = maxFrameSize;
        _readCeiling = maxFrameSize == int.MaxValue ? int.MaxValue : maxFrameSize + 1;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, _readCeiling));
    }

    /// <summary>The underlying socket's state.</summary>
    public WebSocketState State => _socket.State;

    /// <summary>Opens a new <see cref="ClientWebSocket"/> to <paramref name="uri"/>.</summary>
    /// <param name="uri">The <c>ws://</c> or <c>wss://</c> address.</param>
    /// <param name="options">Headers, cookies and the inbound limit.</param>
    /// <param name="configure">Optional extra socket configuration (proxy, certificates, keep-alive).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The connected transport.</returns>
    /// <exception cref="WebSocketException">The connection or the upgrade failed; the message names the HTTP status when the server answered one.</exception>
    public static async ValueTask<WebSocketFrameTransport> ConnectAsync(
        Uri uri,
        FrameTransportOptions options,
        Action<ClientWebSocketOptions>? configure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFrameSize, 1);
        var socket = new ClientWebSocket();
        try
        {
            // Lets a refused upgrade report its HTTP status (socket.io answers 400 + a JSON reason).
            socket.Options.CollectHttpResponseDetails = true;
            foreach (var header in options.Headers)
            {
                socket.Options.SetRequestHeader(header.Key, header.Value);
            }

            if (options.Cookies is not null)
            {
                socket.Options.Cookies = options.Cookies;
            }

            configure?.Invoke(socket.Options);
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex) when (socket.HttpStatusCode != 0)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();

            // The path only: the query may carry session tokens.
            throw new WebSocketException(
                ex.WebSocketErrorCode,
                $"The server at {UriRedaction.Redact(uri)} refused the WebSocket upgrade with HTTP {status}. Check the address, the path (Socket.IO uses /socket.io/) and that the server accepts the websocket transport with EIO=4.",
                ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WebSocketFrameTransport(socket, options.MaxFrameSize);
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _receiving, 1) != 0)
        {
            throw new InvalidOperationException("Only one ReceiveAsync may be outstanding on a WebSocketFrameTransport.");
        }

        try
        {
            var count = 0;
            while (true)
            {
                if (_buffer.Length - count < MinimumReadSize && _buffer.Length < _readCeiling)
                {
                    Grow(count);
                }

                var room = Math.Min(_buffer.Length, _readCeiling) - count;
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await _socket.ReceiveAsync(_buffer.AsMemory(count, room), cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException ex) when (CloseStatusText.IsProtocolViolation(ex))
                {
                    throw new WebSocketException(WebSocketError.Faulted, CloseStatusText.ProtocolViolation, ex);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync(cancellationToken).ConfigureAwait(false);
                    return TransportFrame.Closed(_socket.CloseStatus, _socket.CloseStatusDescription);
                }

                count += result.Count;
                if (count > _maxFrameSize)
                {
                    _socket.Abort();
                    throw new FrameTooLargeException(_maxFrameSize);
                }

                if (result.EndOfMessage)
                {
                    var kind = result.MessageType == WebSocketMessageType.Text ? FrameKind.Text : FrameKind.Binary;
                    return new TransportFrame(kind, _buffer.AsMemory(0, count));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, FrameKind kind, CancellationToken cancellationToken)
    {
        var type = kind switch
        {
            FrameKind.Text => WebSocketMessageType.Text,
            FrameKind.Binary => WebSocketMessageType.Binary,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only text and binary frames can be sent."),
        };
        return _socket.SendAsync(data, type, endOfMessage: true, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CloseOutputAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Abort() => _socket.Abort();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _socket.Abort();
        _socket.Dispose();

        // A receive still running owns the buffer; let the GC have it rather than corrupt the pool.
        if (Volatile.Read(ref _receiving) == 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask AnswerCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The peer may already be gone; the close it sent is what matters.
        }
    }

    private void Grow(int used)
    {
        var target = (int)Math.Min((long)_buffer.Length * 2, _readCeiling);
        target = Math.Max(target, Math.Min(used + MinimumReadSize, _readCeiling));
        var bigger = ArrayPool<byte>.Shared.Rent(target);
        _buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
