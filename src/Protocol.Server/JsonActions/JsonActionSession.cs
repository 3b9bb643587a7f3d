using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Protocol.Server.Sessions;
using Protocol.Infrastructure;

namespace Protocol.Server.JsonActions;

/// <summary>
/// One client of a <see cref="JsonActionServer"/>: its sends (replies and pushes), its per-client state and its end. The
/// receive loop reads frames and checks liveness; the handler task runs the application's handlers in arrival order.
/// </summary>
public sealed class JsonActionSession : IAsyncDisposable
{
    private readonly JsonActionServer _server;
    private readonly JsonActionServerOptions _options;
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop;
    private readonly FrameSendQueue _sendQueue;
    private readonly WebSocketMessageReader _reader;
    private readonly Channel<JsonActionRequest> _inbox;
    private readonly ILogger _logger;
    private readonly ITimer _idleTimer;
    private readonly ITimer? _pingTimer;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SessionLifetime _lifetime;
    private readonly EndSignal _disconnected;

    // Arming the ping timer (after the connection handler) and disarming it (at the end) do not cross: a session that
    // ended never pings again.
    private readonly Lock _pingGate = new();

    // The connection handler runs on the handler task while the receive loop already reads, so the session can end (the
    // client left) before it has returned. Closed then waits for it: a connection handler that subscribes to Closed
    // always hears it, as when nothing was read before it returned.
    private readonly HeldAnnouncement _closed;
    private Task _sending = Task.CompletedTask;
    private long _lastFrame;
    private int _reason = -1;

    internal JsonActionSession(JsonActionServer server, WebSocket socket, CancellationToken lifetime)
    {
        _server = server;
        _options = server.Options;
        _socket = socket;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        Span<byte> id = stackalloc byte[12];
        RandomNumberGenerator.Fill(id);
        Id = Convert.ToHexString(id).ToLowerInvariant();
        _logger = _options.LoggerFactory.CreateLogger("Protocol.Server.JsonActions");
        _reader = new WebSocketMessageReader(socket, _options.MaxMessageBytes);
        _sendQueue = new FrameSendQueue(_options.SendQueueCapacity, _options.SendQueueTimeout, _options.TimeProvider, new ServerFrameWriter(socket, "JSON-action session " + Id), _stop.Token);
        _inbox = Channel.CreateBounded<JsonActionRequest>(new BoundedChannelOptions(_options.HandlerQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        _lastFrame = _options.TimeProvider.GetTimestamp();
        _idleTimer = _options.TimeProvider.CreateTimer(static s => ((JsonActionSession)s!).OnIdleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_options.PingInterval is { } interval)
        {
            _pingTimer = _options.TimeProvider.CreateTimer(static s => ((JsonActionSession)s!).OnPingTimer(), this, Timeout.InfiniteTimeSpan, interval);
        }

        _lifetime = new SessionLifetime(ReleaseResources);
        _disconnected = new EndSignal(error => JsonActionServerLog.HandlerFailed(_logger, error, "closed", Id));
        _closed = new HeldAnnouncement(AnnounceClosed);
    }

    /// <summary>The session's id (for the application's bookkeeping and logs).</summary>
    public string Id { get; }

    /// <summary>A place for the application's per-client state (a simulator's account, context, balance…).</summary>
    public ConcurrentDictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the session is still open.</summary>
    public bool IsOpen => Volatile.Read(ref _reason) < 0;

    /// <summary>
    /// Raised once when the session ends, with the reason (after the connection handler has returned, when the session
    /// ended while it ran).
    /// </summary>
    public event Action<JsonActionSession, JsonActionDisconnectReason>? Closed;

    /// <summary>
    /// Cancelled when the session ends, for any reason: the client closed or the connection broke, the idle timeout, a
    /// message over the bound, <see cref="CloseAsync"/>, <see cref="Abort"/>, the server's shutdown. A handler that waits
    /// (a delay, a feed, another client) passes it on so that it stops with its client; a session that has ended waits
    /// <see cref="JsonActionServerOptions.HandlerDrainTimeout"/> for its running handler, then abandons it. It reads as
    /// cancelled by the time <see cref="Closed"/> is raised; its callbacks run on the thread pool, never on the session's
    /// own loops, and one that throws is logged. An <see cref="OperationCanceledException"/> a handler throws once it is
    /// cancelled is not logged as a failure.
    /// </summary>
    public CancellationToken DisconnectedToken => _disconnected.Token;

    internal Task Completion => _completion.Task;

    /// <summary>
    /// Sends <c>{"action":…,"message":…,"ns":…}</c> (in a binary frame when <see cref="JsonActionServerOptions.SendBinaryFrames"/>).
    /// </summary>
    /// <param name="action">The action's name.</param>
    /// <param name="messageJson">The <c>message</c> value as JSON, or null to leave it out.</param>
    /// <param name="nsJson">The <c>ns</c> value as JSON (echo <see cref="JsonActionRequest.NsJson"/> in a reply), or null to leave it out.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queue.</param>
    /// <returns>A task that completes when the frame is on the wire.</returns>
    /// <exception cref="ArgumentException"><paramref name="messageJson"/> or <paramref name="nsJson"/> is not one JSON value.</exception>
    /// <exception cref="ConnectionLostException">The session is closed; nothing was sent.</exception>
    public ValueTask SendAsync(string action, string? messageJson = null, string? nsJson = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(_options.ActionProperty, action);
            WriteRaw(json, "message", messageJson);
            WriteRaw(json, "ns", nsJson);
            json.WriteEndObject();
        }

        return SendFrameAsync(buffer.WrittenMemory, cancellationToken);
    }

    /// <summary>Sends one whole JSON object as it is (for envelopes <see cref="SendAsync"/> does not cover).</summary>
    /// <param name="json">One JSON object.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queue.</param>
    /// <returns>A task that completes when the frame is on the wire.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not one JSON object.</exception>
    public ValueTask SendRawAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        if (!IsOneObject(bytes))
        {
            throw new ArgumentException("A JSON-action frame is one JSON object; check the text you pass.", nameof(json));
        }

        return SendFrameAsync(bytes, cancellationToken);
    }

    /// <summary>
    /// Closes the session: frames already queued go out, then a normal WebSocket close; the session ends when the client
    /// answers it (or is aborted after <see cref="JsonActionServerOptions.SendQueueTimeout"/>). Safe to call from a handler.
    /// </summary>
    /// <returns>A task that completes when the close frame is on the wire (at once when the session is already ending).</returns>
    public Task CloseAsync()
    {
        End(JsonActionDisconnectReason.ServerClosed);

        // Not the session's completion: that waits for the handlers, and a handler calling this would wait for itself.
        return _closeSent.Task;
    }

    /// <summary>
    /// Drops the connection at once, without a close frame, as a network failure or a crashed server looks from the client;
    /// the session ends with <see cref="JsonActionDisconnectReason.ServerAborted"/>. Safe at any point of the session's life
    /// and from any thread, a handler included: a session already closing is dropped without waiting for the client's
    /// answer, and one already over is left alone.
    /// </summary>
    public void Abort()
    {
        if (!_lifetime.TryEnter())
        {
            return; // over: its socket is closed and its resources released
        }

        try
        {
            if (!End(JsonActionDisconnectReason.ServerAborted) && !Completion.IsCompleted)
            {
                // Already ending (a close waiting for the client's answer): stop waiting.
                _socket.Abort();
                _stop.Cancel();
            }
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    /// <summary>
    /// Ends the session if it is still open, as <see cref="Abort"/> does; the session releases its timers and socket when
    /// its loops have stopped. Safe to call more than once and from a handler.
    /// </summary>
    /// <returns>A completed task: nothing is waited for.</returns>
    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"JSON-action session {Id}{(IsOpen ? "" : ", closed")}";

    internal async Task RunAsync()
    {
        _sending = _sendQueue.RunAsync();
        var handling = Task.CompletedTask;
        try
        {
            JsonActionServerLog.Opened(_logger, Id);
            _idleTimer.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);

            // The connection handler runs first on the handler task, on the thread pool; the receive loop reads meanwhile
            // (the actions wait for it in the inbox), so a client that leaves while it runs ends the session and cancels
            // its token.
            handling = Task.Run(HandleAsync);
            await ReceiveAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session's stop, or the socket aborted under the receive: Kestrel says so with a
            // ConnectionAbortedException, which an abort from another thread can raise before the stop is requested.
            End(_server.IsShuttingDown ? JsonActionDisconnectReason.ServerShutdown : JsonActionDisconnectReason.TransportClosed);
        }
        catch (InboundMessageTooLargeException)
        {
            End(JsonActionDisconnectReason.MessageTooLarge);
        }
        catch (Exception error) when (error is WebSocketException or ConnectionLostException or IOException)
        {
            End(JsonActionDisconnectReason.TransportClosed);
        }
        finally
        {
            End(JsonActionDisconnectReason.TransportClosed);
            _inbox.Writer.TryComplete();
            await DrainHandlersAsync(handling).ConfigureAwait(false);

            // A Closed that waited for a connection handler the drain abandoned is raised now.
            _closed.Release();
            await ServerSocketClosing.FinishAsync(_socket, CloseStatus, _sendQueue, _sending, _stop, _options.SendQueueTimeout, _options.TimeProvider).ConfigureAwait(false);
            JsonActionServerLog.Closed(_logger, Id, (JsonActionDisconnectReason)_reason);

            // The loops are over: the reader goes now, the timers and the stop when no other thread is using them.
            _reader.Dispose();
            _lifetime.OwnerExit();
            _completion.TrySetResult();
        }
    }

    private static void WriteRaw(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null)
        {
            return;
        }

        try
        {
            json.WritePropertyName(property);
            json.WriteRawValue(value, skipInputValidation: false);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"The {property} is not one JSON value; pass JSON text (a string needs its quotes).", property, error);
        }
    }

    private static bool IsOneObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private ValueTask SendFrameAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var frame = _sendQueue.Rent();
        frame.BeginOwned(!_options.SendBinaryFrames, default, SendOperation.Sending);
        frame.Write(json.Span);
        return _sendQueue.SendAsync(frame, cancellationToken);
    }

    private async Task ReceiveAsync()
    {
        var property = _options.ActionProperty;
        while (true)
        {
            var message = await _reader.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            if (message.Type == WebSocketMessageType.Close)
            {
                End(JsonActionDisconnectReason.TransportClosed);
                return;
            }

            // Any frame is proof of life, an application ping or not.
            Volatile.Write(ref _lastFrame, _options.TimeProvider.GetTimestamp());
            var request = Parse(message.Payload, message.Type == WebSocketMessageType.Binary, property);
            if (request is null)
            {
                JsonActionServerLog.NotAnAction(_logger, Id, property);
                continue;
            }

            await _inbox.Writer.WriteAsync(request, _stop.Token).ConfigureAwait(false);
        }
    }

    private JsonActionRequest? Parse(ReadOnlySequence<byte> payload, bool binary, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var action) || action.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new JsonActionRequest(this, action.GetString()!, root.Clone(), binary);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The session's DisconnectedToken has told the running handler that the session ended; one that ignores it gets
    // HandlerDrainTimeout (on the session's clock, like its other timeouts), then is abandoned: a handler that never
    // returns must not hold the WebSocket, the request and the server's shutdown for ever.
    private async Task DrainHandlersAsync(Task handling)
    {
        if (!await HandlerDrain.WaitAsync(handling, _options.HandlerDrainTimeout, _options.TimeProvider, HandlingEnded).ConfigureAwait(false))
        {
            JsonActionServerLog.HandlerAbandoned(_logger, Id, _options.HandlerDrainTimeout);
        }
    }

    // The handler task catches what handlers throw; what is left would be the action loop's own failure.
    private void HandlingEnded(Task handling)
    {
        if (handling.Exception is { } error)
        {
            JsonActionServerLog.HandlerFailed(_logger, error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error, "action", Id);
        }
    }

    // The handler task: the connection handler, then the application's actions one at a time in arrival order.
    private async Task HandleAsync()
    {
        try
        {
            await _server.ConnectedAsync(this).ConfigureAwait(false);
        }
        catch (ConnectionLostException)
        {
            // The client went away while the session was set up: nothing left to greet.
        }
        catch (OperationCanceledException) when (DisconnectedToken.IsCancellationRequested)
        {
            // The handler stopped because the session ended, as its DisconnectedToken asked: not a failure.
        }
        catch (Exception error)
        {
            JsonActionServerLog.HandlerFailed(_logger, error, "connection", Id);
        }

        StartPinging();
        _closed.Release();
        await foreach (var request in _inbox.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!IsOpen)
            {
                continue;
            }

            var handler = _server.FindHandler(request.Action);
            if (handler is null)
            {
                JsonActionServerLog.Unhandled(_logger, Id, request.Action);
                continue;
            }

            try
            {
                await handler(request).ConfigureAwait(false);
            }
            catch (ConnectionLostException)
            {
                // The client went away while its action was handled: nothing left to answer.
            }
            catch (OperationCanceledException) when (DisconnectedToken.IsCancellationRequested)
            {
                // The handler stopped because the session ended, as its token asked: not a failure.
            }
            catch (Exception error)
            {
                JsonActionServerLog.HandlerFailed(_logger, error, "action", Id);
            }
        }
    }

    // The application ping starts once the connection handler has returned (its greeting goes first). The handler task may
    // get here after the session let go of its timers (it was abandoned): the lease tells.
    private void StartPinging()
    {
        if (_pingTimer is null || !_lifetime.TryEnter())
        {
            return;
        }

        try
        {
            lock (_pingGate)
            {
                if (IsOpen)
                {
                    _pingTimer.Change(_options.PingInterval!.Value, _options.PingInterval.Value);
                }
            }
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    // Ends the session once; false when it was already ending. A caller on another thread (a close, a timer) may come
    // after the session let go of its timers and stop: the lease tells, and the session ended long before.
    private bool End(JsonActionDisconnectReason reason)
    {
        if (!_lifetime.TryEnter())
        {
            return false;
        }

        try
        {
            if (Interlocked.CompareExchange(ref _reason, (int)reason, -1) != -1)
            {
                return false;
            }

            Ended(reason);
            return true;
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    private void Ended(JsonActionDisconnectReason reason)
    {
        _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_pingGate)
        {
            _pingTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        // The handlers learn of the end once the liveness timers are off: one that resumes finds no ping or idle check
        // still to come.
        _disconnected.Signal();
        if (reason == JsonActionDisconnectReason.ServerClosed)
        {
            _ = CloseGracefullyAsync();
        }
        else
        {
            _closeSent.TrySetResult();
            if (reason == JsonActionDisconnectReason.ServerAborted)
            {
                _socket.Abort(); // no close frame: the end as a network failure looks
            }

            _stop.Cancel();
        }

        _closed.Announce();
    }

    private void AnnounceClosed()
    {
        try
        {
            Closed?.Invoke(this, (JsonActionDisconnectReason)Volatile.Read(ref _reason));
        }
        catch (Exception error)
        {
            JsonActionServerLog.HandlerFailed(_logger, error, "closed", Id);
        }
    }

    // A client that does not answer the close is stopped after SendQueueTimeout.
    private Task CloseGracefullyAsync()
        => ServerSocketClosing.CloseGracefullyAsync(_socket, _sendQueue, _sending, Completion, StopIfRunning, _options.SendQueueTimeout, _options.TimeProvider, _closeSent);

    // The graceful close may end after the session did (its client answered the close): then there is nothing to stop.
    private void StopIfRunning() => _lifetime.CancelIfAlive(_stop);

    private void ReleaseResources()
    {
        _idleTimer.Dispose();
        _pingTimer?.Dispose();
        _stop.Dispose();
    }

    // Fires IdleTimeout after the last check; closes when no frame came since, else waits out the rest of the window.
    private void OnIdleTimer()
    {
        if (!_lifetime.TryEnter())
        {
            return; // a callback on its way when the timer was released
        }

        try
        {
            OnIdle();
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    private void OnIdle()
    {
        var quiet = _options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastFrame));
        if (quiet >= _options.IdleTimeout)
        {
            End(JsonActionDisconnectReason.IdleTimeout);
            return;
        }

        if (IsOpen)
        {
            _idleTimer.Change(_options.IdleTimeout - quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnPingTimer()
    {
        if (!IsOpen)
        {
            return;
        }

        string ping;
        try
        {
            ping = _options.PingAction!(_options.TimeProvider);
        }
        catch (Exception error)
        {
            JsonActionServerLog.HandlerFailed(_logger, error, "ping", Id);
            return;
        }

        var frame = _sendQueue.Rent();
        frame.BeginOwned(!_options.SendBinaryFrames, default, new SendOperation("Pinging the client"));
        frame.Write(Encoding.UTF8.GetBytes(ping));

        // A ping never waits for room: it is what keeps a quiet client's connection known to be alive.
        _sendQueue.TryEnqueue(frame);
    }

    // How the WebSocket's close says the session ended.
    private WebSocketCloseStatus CloseStatus => (JsonActionDisconnectReason)Volatile.Read(ref _reason) == JsonActionDisconnectReason.MessageTooLarge ? WebSocketCloseStatus.MessageTooBig : WebSocketCloseStatus.NormalClosure;
}
