using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Protocol.Infrastructure;

namespace Protocol.SocketIO.Transport;

/// <summary>
/// <see cref="IFrameTransport"/> over one <see cref="WebSocket"/> (a <see cref="ClientWebSocket"/> it opens, or any socket
/// handed to it, such as one a server accepted): whole messages with their text/binary type, received by the shared
/// <see cref="WebSocketMessageReader"/> into pipe segments, bounded by <see cref="FrameTransportOptions.MaxInboundMessageBytes"/>.
/// </summary>
public sealed class WebSocketFrameTransport : IFrameTransport
{
    private readonly WebSocket _socket;
    private readonly WebSocketMessageReader _reader;
    private int _disposed;

    /// <summary>Wraps a connected socket; the transport owns it from now on (disposing the transport disposes it).</summary>
    /// <param name="socket">An open WebSocket, client or server side.</param>
    /// <param name="options">The inbound bound and the receive pool (headers and cookies are not used: the socket is already open).</param>
    public WebSocketFrameTransport(WebSocket socket, FrameTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        _socket = socket;
        _reader = new WebSocketMessageReader(socket, options.MaxInboundMessageBytes, options.ReceiveMemoryPool)
        {
            DataReceived = options.DataReceived,
        };
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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInboundMessageBytes, 1);
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

        return new WebSocketFrameTransport(socket, options);
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        WebSocketMessage message;
        try
        {
            message = await _reader.ReceiveAsync(Math.Min(maxMessageBytes, _reader.MaxMessageBytes), cancellationToken).ConfigureAwait(false);
        }
        catch (InboundMessageTooLargeException)
        {
            // The rest of the message is never read: nothing may stay blocked on a socket nobody drains.
            _socket.Abort();
            throw;
        }

        switch (message.Type)
        {
            case WebSocketMessageType.Close:
                await AnswerCloseAsync(cancellationToken).ConfigureAwait(false);
                return TransportFrame.Closed(message.CloseStatus, message.CloseDescription);
            case WebSocketMessageType.Text:
                return new TransportFrame(FrameKind.Text, message.Payload);
            default:
                return new TransportFrame(FrameKind.Binary, message.Payload);
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

        // A receive still running keeps the pipe's segments until it ends (the reader sees to that).
        _reader.Dispose();
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
}
