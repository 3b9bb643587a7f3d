using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Protocol.Infrastructure;

namespace Protocol.JsonActions;

/// <summary>
/// A plain JSON-over-WebSocket transport (ExpertOption-style): every text frame is one JSON object whose name property
/// (<see cref="JsonWebSocketOptions.NameProperty"/>) becomes the action name. Receives through the shared
/// <see cref="WebSocketMessageReader"/> (pipe segments, bound <see cref="JsonWebSocketOptions.MaxInboundMessageBytes"/>),
/// and serialises sends through one bounded queue (one writer) so a message and its attachments go out back to back: past
/// <see cref="JsonWebSocketOptions.MaxQueuedSends"/> a send waits up to <see cref="JsonWebSocketOptions.SendQueueTimeout"/>,
/// then fails with <see cref="SendQueueFullException"/> with nothing sent; the idle ping never waits.
/// </summary>
public sealed class JsonWebSocketConnection : IConnection
{
    private const string OpPing = "Sending the idle ping";

    private readonly JsonWebSocketOptions _options;
    private readonly byte[] _nameProperty;
    private readonly byte[]? _pingMessage;
    private readonly FrameSendQueue _sendQueue;
    private readonly CancellationTokenSource _stop = new();
    private ClientWebSocket? _socket;
    private IMessageSink? _sink;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _ping = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private IdleMonitor? _idle;
    private int _disconnected;
    private volatile bool _closing;
    private int _disposed;

    /// <summary>Creates an unconnected transport.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public JsonWebSocketConnection(JsonWebSocketOptions? options = null)
    {
        _options = options ?? new JsonWebSocketOptions();
        _options.Validate();
        _nameProperty = Encoding.UTF8.GetBytes(_options.NameProperty);
        _pingMessage = _options.PingMessage is null ? null : Encoding.UTF8.GetBytes(_options.PingMessage);
        _sendQueue = new FrameSendQueue(_options.MaxQueuedSends, _options.SendQueueTimeout, _options.TimeProvider, new SendTarget(this), _stop.Token);
    }

    /// <summary>A factory for <c>ClientBuilder.UseConnection</c>.</summary>
    /// <param name="options">Settings shared by every connection it creates.</param>
    public static ConnectionFactory Factory(JsonWebSocketOptions? options = null) => () => new JsonWebSocketConnection(options);

    /// <inheritdoc />
    public async ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_socket is not null)
        {
            throw new InvalidOperationException("A JsonWebSocketConnection connects once; the runtime creates a new one per attempt.");
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        foreach (var (name, value) in endpoint.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        _options.ConfigureSocket?.Invoke(socket.Options);
        _socket = socket;
        try
        {
            await socket.ConnectAsync(endpoint.Uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or HttpRequestException or IOException)
        {
            // The message names the endpoint without its query (tokens) and the socket's own reason.
            throw new ConnectionFailedException($"Could not open a WebSocket to {endpoint}: {error.Message}. Check the URI, the network and the upgrade headers.", error);
        }

        _sink = sink;
        if (_options.IdleTimeout != Timeout.InfiniteTimeSpan || _options.PingMessage is not null)
        {
            _idle = new IdleMonitor(
                _options.TimeProvider,
                _options.IdleTimeout,
                _options.PingMessage is null ? Timeout.InfiniteTimeSpan : _options.PingAfterIdle,
                () => OnIdlePing(socket),
                quiet => OnIdleTimeout(socket, quiet));
        }

        _sendLoop = Task.Run(RunSendLoopAsync, CancellationToken.None);
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket, sink, _stop.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    /// <exception cref="SendQueueFullException">The send queue stayed full for <see cref="JsonWebSocketOptions.SendQueueTimeout"/>; nothing was sent.</exception>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open || _disconnected != 0)
        {
            throw new ConnectionLostException("The WebSocket is not open; nothing was sent.") { NothingSent = true };
        }

        // Borrowed, not copied: the caller keeps the message's memory until the send completes (the IConnection contract).
        var frame = _sendQueue.Rent();
        frame.BeginBorrowed(message.Content, message.IsText, message.Attachments, SendOperation.Sending);
        return _sendQueue.SendAsync(frame, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        _closing = true;

        // New sends fail as closed; the close frame itself never waits behind queued sends.
        _sendQueue.Complete();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", cancellationToken).ConfigureAwait(false);
            }

            // The server answers our close frame; the receive loop sees it and ends.
            await _receiveLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
        finally
        {
            ReportDisconnect(new DisconnectInfo(DisconnectReason.ClosedByClient, "closed by client"));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _idle?.Dispose();
        _sendQueue.Complete();
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
            await _ping.ConfigureAwait(false);
            await _sendLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop reports its own end; disposal only waits for it.
        }

        _sendQueue.FailPending(new ConnectionLostException("The connection was disposed before the message was sent; nothing was sent.") { NothingSent = true });
        ReportDisconnect(new DisconnectInfo(DisconnectReason.ClosedByClient, "disposed"));
        _socket?.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, IMessageSink sink, CancellationToken stop)
    {
        using var reader = new WebSocketMessageReader(socket, _options.MaxInboundMessageBytes, _options.ReceiveMemoryPool);
        if (_idle is { } idle)
        {
            // Any bytes count as life, a fragment of a message still arriving included.
            reader.DataReceived = idle.Touch;
        }

        var info = new DisconnectInfo(DisconnectReason.ClosedByServer);
        try
        {
            while (true)
            {
                var message = await reader.ReceiveAsync(stop).ConfigureAwait(false);
                if (message.Type == WebSocketMessageType.Close)
                {
                    info = _closing
                        ? new DisconnectInfo(DisconnectReason.ClosedByClient, "closed by client")
                        : new DisconnectInfo(DisconnectReason.ClosedByServer, $"the server closed the WebSocket ({CloseStatusText.Describe(message.CloseStatus, message.CloseDescription)})");
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
                    }

                    return;
                }

                Deliver(message, sink);
            }
        }
        catch (InboundMessageTooLargeException error)
        {
            info = new DisconnectInfo(DisconnectReason.ProtocolError, error.Message, error);
            await CloseQuietlyAsync(socket, WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);

            // Nothing reads the rest of the message: drop the connection rather than leave a peer that is still sending
            // blocked on a socket nobody drains.
            socket.Abort();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            info = new DisconnectInfo(DisconnectReason.ClosedByClient, "disposed");
        }
        catch (Exception error) when (error is WebSocketException or IOException or ObjectDisposedException)
        {
            info = _disposed != 0
                ? new DisconnectInfo(DisconnectReason.ClosedByClient, "disposed")
                : new DisconnectInfo(DisconnectReason.TransportError, error.Message, error);
        }
        catch (Exception error)
        {
            // Anything else (a failing sink, a decoder bug) ends the session loudly and closes the socket: a loop that
            // died quietly would leave the socket open while the runtime believed the server had closed it.
            info = new DisconnectInfo(DisconnectReason.TransportError, $"the receive loop failed ({error.GetType().Name})", error);
            await CloseQuietlyAsync(socket, WebSocketCloseStatus.InternalServerError).ConfigureAwait(false);
        }
        finally
        {
            _idle?.Dispose();
            ReportDisconnect(info);
        }
    }

    // Parsed in place on the receive loop: one segment (the usual case) as it is, several linearised once at the
    // message's exact length, because the envelope and the message view work on spans.
    private void Deliver(in WebSocketMessage message, IMessageSink sink)
    {
        var isText = message.Type == WebSocketMessageType.Text;
        var payload = message.Payload;
        if (payload.IsSingleSegment)
        {
            JsonActionEnvelope.Deliver(payload.FirstSpan, isText, _nameProperty, sink);
            return;
        }

        var length = checked((int)payload.Length);
        var buffer = InboundBuffers.Rent(_options.BufferPool, length);
        try
        {
            payload.CopyTo(buffer);
            JsonActionEnvelope.Deliver(buffer.AsSpan(0, length), isText, _nameProperty, sink);
        }
        finally
        {
            InboundBuffers.Return(_options.BufferPool, buffer);
        }
    }

    private void OnIdleTimeout(ClientWebSocket socket, TimeSpan quiet)
    {
        // Reported before the abort, so the receive loop's failure that follows is not what the runtime sees.
        ReportDisconnect(new DisconnectInfo(
            DisconnectReason.Timeout,
            $"no frame from the server for {quiet.TotalMilliseconds:0} ms (JsonWebSocketOptions.IdleTimeout is {_options.IdleTimeout.TotalMilliseconds:0} ms): the link or the server is dead"));
        socket.Abort();
    }

    private void OnIdlePing(ClientWebSocket socket)
    {
        // One ping at a time: a send still stuck behind a slow socket is not joined by another.
        if (_ping.IsCompleted && _disconnected == 0 && socket.State == WebSocketState.Open)
        {
            _ping = SendPingAsync();
        }
    }

    // The ping goes through the one send queue (it never interleaves with a message and its attachments) but past its
    // bound: a full queue of user sends must not starve the liveness check.
    private async Task SendPingAsync()
    {
        var frame = _sendQueue.Rent();
        frame.BeginBorrowed(_pingMessage.AsMemory(), true, default, new SendOperation(OpPing));
        try
        {
            await _sendQueue.SendUnboundedAsync(frame).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ConnectionLostException or OperationCanceledException)
        {
            // A ping that cannot go out means a broken socket: the receive loop or the idle timeout reports it.
        }
    }

    private async Task RunSendLoopAsync()
    {
        try
        {
            await _sendQueue.RunAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposed: what is still queued fails as lost there.
        }
    }

    // The queue's view of this connection: the socket to write to and the typed errors a send can end with.
    private sealed class SendTarget(JsonWebSocketConnection connection) : IFrameWriter
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool isText, CancellationToken cancellationToken)
            => connection._socket!.SendAsync(data, isText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, cancellationToken);

        public Exception QueueFull(SendOperation operation, int capacity, TimeSpan waited) => new SendQueueFullException(operation.ToString(), capacity, waited);

        public Exception Closed(SendOperation operation) => new ConnectionLostException($"{operation} failed: the WebSocket is closing or closed; nothing was sent.") { NothingSent = true };

        public Exception WriteFailed(SendOperation operation, Exception error)
            => new ConnectionLostException($"{operation} failed: the WebSocket failed while sending; the message may be incomplete on the wire.", error);

        // A half-written message leaves the stream unusable: abort, and the receive loop reports the end.
        public void OnWriterFailed(Exception error) => connection._socket?.Abort();
    }

    private async Task CloseQuietlyAsync(ClientWebSocket socket, WebSocketCloseStatus status)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _options.TimeProvider);
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private void ReportDisconnect(DisconnectInfo info)
    {
        if (_sink is { } sink && Interlocked.Exchange(ref _disconnected, 1) == 0)
        {
            sink.OnDisconnected(info);
        }
    }
}
