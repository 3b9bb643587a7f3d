using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.SocketIO.EngineIO;
using Protocol.SocketIO.Transport;
using Protocol.Infrastructure;

namespace Protocol.SocketIO;

/// <summary>
/// One Socket.IO v5 client connection over one Engine.IO v4 WebSocket session: handshake, heartbeat watchdog,
/// namespaces, one send queue, acks both ways, and a read loop that hands every inbound message to
/// <see cref="SocketIOOptions.OnMessage"/> as a <see cref="MessageView"/> (without allocating on the event path).
/// </summary>
/// <remarks>
/// Single use: <see cref="ConnectAsync"/> once; after <see cref="Completion"/> has completed, create a new instance
/// to reconnect (a WebSocket cannot be reopened). Thread-safe for sends, acks, namespace operations and closing.
/// </remarks>
public sealed partial class SocketIOConnection : IAsyncDisposable
{
    private const int StateCreated = 0;
    private const int StateConnecting = 1;
    private const int StateOpen = 2;
    private const int StateClosed = 3;

    private readonly SocketIOOptions _options;
    private readonly SocketIOMessageHandler? _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrameSendQueue _sendQueue;
    private readonly ConcurrentDictionary<long, PendingAck> _pendingAcks = new();
    private readonly ConcurrentDictionary<string, NamespaceEntry> _namespaces = new(StringComparer.Ordinal);

    // Namespaces the server disconnected (41) and nobody joined again: sends on them fail typed instead of making the
    // server drop the whole connection.
    private readonly ConcurrentDictionary<string, byte> _serverLeft = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<SocketIODisconnectInfo> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SocketIOCodecOptions _codecOptions;
    private readonly SocketIOMessageAssembler _assembler;
    private readonly PacketFrames _frames;
    private readonly AttachmentDeadline _attachmentDeadline;
    private IFrameTransport? _transport;
    private HeartbeatWatchdog? _watchdog;
    private EngineHandshake? _handshake;
    private Task _readLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private SocketIODisconnectInfo? _closeInfo;
    private readonly SocketIOViewMapper _mapper = new();
    private long _nextAckId = -1;
    private int _state;
    private int _disposed;
    private bool _lastNamespaceLeft;

    /// <summary>Creates a connection; nothing happens until <see cref="ConnectAsync"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public SocketIOConnection(SocketIOOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _sendQueue = new FrameSendQueue(options.MaxQueuedSends, options.SendQueueTimeout, options.TimeProvider, new SendTarget(this), _lifetime.Token);
        _handler = options.OnMessage;
        _time = options.TimeProvider;
        _logger = options.LoggerFactory?.CreateLogger<SocketIOConnection>() ?? NullLogger<SocketIOConnection>.Instance;
        _codecOptions = new SocketIOCodecOptions
        {
            MaxPayloadBytes = options.MaxInboundMessageBytes,
            MaxAttachments = options.MaxAttachments,
            MaxMessageBytes = options.MaxInboundMessageBytes,
        };
        _attachmentDeadline = new AttachmentDeadline(_time, options.AttachmentTimeout, OnAttachmentsLate);
        _assembler = new SocketIOMessageAssembler(_codecOptions, options.BufferPool);
        _frames = new PacketFrames(_codecOptions);
    }

    /// <summary>Raised once when the connection has ended, after pending operations were failed. Runs on the closing thread; keep it short.</summary>
    public event Action<SocketIODisconnectInfo>? Disconnected;

    /// <summary>
    /// Raised on the read loop with the namespace's name when the server disconnects a namespace (a DISCONNECT packet),
    /// after that namespace's pending acks were failed with <see cref="SocketIONamespaceDisconnectedException"/>. When no
    /// namespace is left the connection then closes (<see cref="SocketIODisconnectReason.ServerDisconnect"/>). Keep it short.
    /// </summary>
    public event Action<string>? NamespaceDisconnected;

    /// <summary>Completes (never faults) with how and why the connection ended. The runtime's reconnect logic awaits this.</summary>
    public Task<SocketIODisconnectInfo> Completion => _completion.Task;

    /// <summary>The Engine.IO open packet, once connected.</summary>
    public EngineHandshake? Handshake => _handshake;

    /// <summary>Whether the Engine.IO session is open (namespaces may still be connecting).</summary>
    public bool IsOpen => Volatile.Read(ref _state) == StateOpen && _closeInfo is null;

    /// <summary>The read loop; completes after the connection has fully shut down. Exposed for tests and diagnostics.</summary>
    internal Task ReadLoop => _readLoop;

    /// <summary>How many emits wait for an ack. Exposed for tests and diagnostics.</summary>
    internal int PendingAckCount => _pendingAcks.Count;

    /// <summary>The send pump; completes when the connection stops sending. Exposed for tests and diagnostics.</summary>
    internal Task SendLoop => _sendLoop;

    /// <summary>Whether <paramref name="namespace"/> is currently connected.</summary>
    /// <param name="namespace">The namespace, for example <c>/</c> or <c>/admin</c>.</param>
    /// <returns><see langword="true"/> when the server accepted it and has not disconnected it.</returns>
    public bool IsNamespaceConnected(string @namespace) =>
        _namespaces.TryGetValue(@namespace, out var entry) && entry.IsConnected;

    /// <summary>The Socket.IO socket id the server gave <paramref name="namespace"/>, or <see langword="null"/>.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <returns>The id from the server's CONNECT packet.</returns>
    public string? GetSocketId(string @namespace) =>
        _namespaces.TryGetValue(@namespace, out var entry) && entry.IsConnected ? entry.SocketId : null;

    /// <summary>
    /// Opens the WebSocket, reads the Engine.IO open packet, starts the heartbeat watchdog and the loops, then joins
    /// every namespace in <see cref="SocketIOOptions.Namespaces"/>. On any failure nothing is left running.
    /// </summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes when all namespaces are connected.</returns>
    /// <exception cref="SocketIOConnectException">The server refused a namespace.</exception>
    /// <exception cref="SocketIOHandshakeException">The server's first frame was not a valid open packet, or its maxPayload is too small for a namespace's CONNECT.</exception>
    /// <exception cref="TimeoutException">A step took longer than <see cref="SocketIOOptions.ConnectTimeout"/>.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, StateConnecting, StateCreated) != StateCreated)
        {
            throw new InvalidOperationException("ConnectAsync can be called once per SocketIOConnection; create a new connection to reconnect.");
        }

        var uri = SocketIOUrl.Build(_options.ServerUri, _options.Path, _options.Query);
        SocketIOLog.Connecting(_logger, UriRedaction.Redact(uri));
        try
        {
            using (var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var transportOptions = new FrameTransportOptions
                    {
                        Headers = [.. _options.Headers],
                        Cookies = _options.Cookies,
                        MaxInboundMessageBytes = _options.MaxInboundMessageBytes,
                        ReceiveMemoryPool = _options.ReceiveMemoryPool,

                        // Every chunk is proof of life, not only whole frames: a 16 MiB message on a slow link takes a while.
                        DataReceived = TouchWatchdog,
                    };
                    _transport = await _options.TransportFactory.ConnectAsync(uri, transportOptions, linked.Token).ConfigureAwait(false);
                    _handshake = await ReadHandshakeAsync(_transport, linked.Token).ConfigureAwait(false);
                    CheckNamespacesFit(_handshake);
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Opening the Socket.IO session at {UriRedaction.Redact(uri)} took longer than {_options.ConnectTimeout.TotalMilliseconds:0} ms (ConnectTimeout).", ex);
                }
            }

            SocketIOLog.Opened(_logger, _handshake.PingInterval.TotalMilliseconds, _handshake.PingTimeout.TotalMilliseconds, _handshake.MaxPayload);
            _watchdog = new HeartbeatWatchdog(_time, _options.HeartbeatTimeout ?? _handshake.PingInterval + _handshake.PingTimeout, OnHeartbeatExpired);
            Volatile.Write(ref _state, StateOpen);
            var transport = _transport;
            _sendLoop = Task.Run(() => RunSendLoopAsync(transport), CancellationToken.None);
            _readLoop = Task.Run(() => RunReadLoopAsync(transport), CancellationToken.None);

            var joins = new Task[_options.Namespaces.Count];
            for (var i = 0; i < joins.Length; i++)
            {
                joins[i] = ConnectNamespaceAsync(_options.Namespaces[i].Name, _options.Namespaces[i].AuthJson, cancellationToken);
            }

            await Task.WhenAll(joins).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AbortAfterFailedConnectAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Joins a namespace on this connection (sends <c>40/nsp,{auth}</c>) and waits for the server's answer.
    /// Several namespaces can share one connection; the main namespace is not required.
    /// </summary>
    /// <param name="namespace">The namespace, starting with <c>/</c>.</param>
    /// <param name="authJson">The auth object as UTF-8 JSON, or empty. Never logged.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server accepted the namespace.</returns>
    /// <exception cref="SocketIOConnectException">The server refused it (CONNECT_ERROR), with its message and data.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="SocketIOOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="SocketIOConnectionClosedException">The connection closed first.</exception>
    public async Task ConnectNamespaceAsync(string @namespace, ReadOnlyMemory<byte> authJson = default, CancellationToken cancellationToken = default)
    {
        ValidateNamespace(@namespace);
        var operation = new SendOperation(OpConnectNamespace, @namespace);
        ThrowIfNotOpen(operation);

        // Encoded before the namespace is registered: a refused frame (bad auth JSON) must leave no pending entry that
        // later joins would wait on.
        var frame = RentFrame(operation);
        try
        {
            _frames.Connect(frame, @namespace, authJson.Span);
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        var entry = new NamespaceEntry(@namespace);
        var current = _namespaces.AddOrUpdate(@namespace, entry, (_, existing) => existing.IsPending || existing.IsConnected ? existing : entry);
        if (current != entry)
        {
            frame.Recycle();
            await WaitForNamespaceAsync(current, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendFrameAsync(frame, cancellationToken).ConfigureAwait(false);
        if (_closeInfo is { } info)
        {
            entry.Connected.TrySetException(new SocketIOConnectionClosedException($"Connecting namespace '{@namespace}'", info));
        }

        try
        {
            await WaitForNamespaceAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _namespaces.TryRemove(new KeyValuePair<string, NamespaceEntry>(@namespace, entry));
            throw;
        }
    }

    // A CancellationTokenSource on the clock rather than Task.WaitAsync(timeout, TimeProvider): WaitAsync disposes its
    // timer only after completing the task, on another thread, so a timer could outlive the call that armed it.
    private async Task WaitForNamespaceAsync(NamespaceEntry entry, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await entry.Connected.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server did not answer the CONNECT for namespace '{entry.Name}' within {_options.ConnectTimeout.TotalMilliseconds:0} ms (ConnectTimeout).", ex);
        }
    }

    /// <summary>Leaves a namespace (sends <c>41/nsp,</c>); the Engine.IO session stays open.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="cancellationToken">Cancels the send while it is still queued.</param>
    /// <returns>A task that completes when the packet was sent.</returns>
    public Task DisconnectNamespaceAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        ValidateNamespace(@namespace);
        if (!_namespaces.TryRemove(@namespace, out _))
        {
            return Task.CompletedTask;
        }

        var frame = RentFrame(new SendOperation(OpLeaveNamespace, @namespace));
        _frames.Disconnect(frame, @namespace);
        return SendFrameAsync(frame, cancellationToken).AsTask();
    }

    /// <summary>
    /// Sends an already-encoded Engine.IO text frame (for example <c>42["ev",1]</c> written by a generated writer) and,
    /// for a binary packet, its attachments, as one unit: nothing else is sent between them.
    /// </summary>
    /// <param name="textFrame">The whole text frame, Engine.IO type digit included; copied before this returns.</param>
    /// <param name="attachments">Binary attachments in placeholder order; must stay unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the send while it is still queued (a started packet always goes out whole).</param>
    /// <returns>A task that completes when every frame was handed to the network.</returns>
    /// <exception cref="ArgumentException">A frame exceeds the server's maxPayload.</exception>
    /// <exception cref="SocketIOConnectionClosedException">The connection is closed or closed before the send.</exception>
    public Task SendAsync(ReadOnlySpan<byte> textFrame, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, CancellationToken cancellationToken = default)
    {
        if (textFrame.IsEmpty)
        {
            throw new ArgumentException("An Engine.IO text frame has at least its type digit.", nameof(textFrame));
        }

        // Copied into the queue's pooled frame: the caller's span cannot outlive this call.
        var frame = RentFrame(SendOperation.Sending, ToMemory(attachments));
        frame.Write(textFrame);
        return SendFrameAsync(frame, cancellationToken).AsTask();
    }

    /// <summary>Emits an event (<c>42/nsp,["name",args…]</c>, or <c>45N-…</c> with attachments) without waiting for an ack.</summary>
    /// <param name="eventName">The event name (not a reserved Socket.IO name).</param>
    /// <param name="argumentsJson">The data arguments as comma-separated JSON values (<c>1,"two",{"x":3}</c>), or empty. Binary values are written as <c>{"_placeholder":true,"num":k}</c>.</param>
    /// <param name="attachments">The binary values by placeholder number; must stay unchanged until the task completes.</param>
    /// <param name="namespace">The namespace; <c>/</c> by default.</param>
    /// <param name="cancellationToken">Cancels the send while it is still queued.</param>
    /// <returns>A task that completes when the packet was handed to the network.</returns>
    public Task EmitAsync(
        string eventName,
        ReadOnlySpan<byte> argumentsJson = default,
        IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null,
        string @namespace = "/",
        CancellationToken cancellationToken = default)
    {
        var frame = RentFrame(new SendOperation(OpEmit, eventName), ToMemory(attachments));
        try
        {
            _frames.Event(frame, @namespace, -1 /* no ack id: nobody waits */, eventName, argumentsJson, attachments?.Count ?? 0);
            ThrowIfServerLeft(@namespace, frame.Operation);
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        return SendFrameAsync(frame, cancellationToken).AsTask();
    }

    /// <summary>
    /// Emits an event with an ack id and waits for the server's ack. The ack is copied out of the receive buffer, so it
    /// can be kept. Ack ids are unique per connection, also under concurrent emits.
    /// </summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="argumentsJson">The data arguments as comma-separated JSON values, or empty.</param>
    /// <param name="attachments">The binary values by placeholder number; must stay unchanged until the send completes.</param>
    /// <param name="namespace">The namespace; <c>/</c> by default.</param>
    /// <param name="timeout">How long to wait for the ack; <see cref="SocketIOOptions.AckTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait (and the send while still queued).</param>
    /// <returns>The server's ack.</returns>
    /// <exception cref="SocketIOAckTimeoutException">No ack within the timeout; names the event.</exception>
    /// <exception cref="SocketIOConnectionClosedException">The connection closed before the ack came.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<SocketIOAck> EmitWithAckAsync(
        string eventName,
        ReadOnlySpan<byte> argumentsJson = default,
        IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null,
        string @namespace = "/",
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? _options.AckTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        var id = Interlocked.Increment(ref _nextAckId);
        var frame = RentFrame(new SendOperation(OpEmit, eventName), ToMemory(attachments));
        try
        {
            _frames.Event(frame, @namespace, id, eventName, argumentsJson, attachments?.Count ?? 0);
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        var pending = new PendingAck(this, id, eventName, @namespace, wait);
        _pendingAcks[id] = pending;
        try
        {
            ThrowIfServerLeft(@namespace, frame.Operation);
            pending.Arm(cancellationToken);
            pending.Observe(SendFrameAsync(frame, cancellationToken).AsTask());
        }
        catch
        {
            pending.Dispose();
            throw;
        }

        if (_closeInfo is { } info)
        {
            pending.TryFail(new SocketIOConnectionClosedException($"Waiting for the ack of '{eventName}'", info));
        }

        return pending.Task;
    }

    /// <summary>
    /// Answers a server's ack request (an event that carried an ack id, such as <c>420["question","q?"]</c>) with
    /// <c>43/nsp,id[args…]</c>, or <c>46N-…</c> with attachments. Safe to call from inside the message handler: it only queues.
    /// </summary>
    /// <param name="namespace">The namespace of the request.</param>
    /// <param name="ackId">The request's ack id (<see cref="SocketIOMessageViewExtensions.GetAckId"/>).</param>
    /// <param name="argumentsJson">The reply arguments as comma-separated JSON values, or empty.</param>
    /// <param name="attachments">Binary values by placeholder number; must stay unchanged until the task completes.</param>
    /// <param name="cancellationToken">Cancels the send while it is still queued.</param>
    /// <returns>A task that completes when the ack was handed to the network.</returns>
    public Task AckAsync(
        string @namespace,
        long ackId,
        ReadOnlySpan<byte> argumentsJson = default,
        IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ackId);
        var frame = RentFrame(new SendOperation(OpAck, null, ackId), ToMemory(attachments));
        try
        {
            _frames.Ack(frame, @namespace, ackId, argumentsJson, attachments?.Count ?? 0);
            ThrowIfServerLeft(@namespace, frame.Operation);
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        return SendFrameAsync(frame, cancellationToken).AsTask();
    }

    /// <summary>Answers the ack request in <paramref name="request"/> (same namespace and id).</summary>
    /// <param name="request">An event view that carries an ack id (<see cref="SocketIOMessageViewExtensions.GetAckId"/>).</param>
    /// <param name="argumentsJson">The reply arguments as comma-separated JSON values, or empty.</param>
    /// <param name="attachments">Binary values by placeholder number.</param>
    /// <param name="cancellationToken">Cancels the send while it is still queued.</param>
    /// <returns>A task that completes when the ack was handed to the network.</returns>
    public Task AckAsync(
        scoped in MessageView request,
        ReadOnlySpan<byte> argumentsJson = default,
        IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null,
        CancellationToken cancellationToken = default)
    {
        if (request.GetAckId() is not { } ackId)
        {
            throw new ArgumentException("The message carries no ack id, so there is nothing to acknowledge.", nameof(request));
        }

        return AckAsync(Encoding.UTF8.GetString(request.GetNamespace()), ackId, argumentsJson, attachments, cancellationToken);
    }

    /// <summary>
    /// Closes cleanly: sends <c>41</c> for every connected namespace, lets queued sends finish, closes the WebSocket
    /// and waits for the server's close (at most <see cref="SocketIOOptions.CloseTimeout"/>, then aborts).
    /// </summary>
    /// <param name="cancellationToken">Aborts the graceful part early.</param>
    /// <returns>How the connection ended.</returns>
    public async Task<SocketIODisconnectInfo> DisconnectAsync(CancellationToken cancellationToken = default)
    {
        var previous = Interlocked.CompareExchange(ref _state, StateClosed, StateCreated);
        if (previous == StateCreated)
        {
            Finish(new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, null, "Disconnected before connecting."));
            return await _completion.Task.ConfigureAwait(false);
        }

        if (previous == StateOpen && TrySetCloseInfo(new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, null, "The client disconnected.")))
        {
            foreach (var entry in _namespaces.Values)
            {
                if (entry.IsConnected)
                {
                    var frame = RentFrame(new SendOperation(OpLeaveNamespace, entry.Name));
                    _frames.Disconnect(frame, entry.Name);
                    _sendQueue.TryEnqueue(frame);
                }
            }

            _sendQueue.Complete();
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _sendLoop.WaitAsync(linked.Token).ConfigureAwait(false);
                await _sendQueue.WaitForWriterAsync(linked.Token).ConfigureAwait(false);
                if (_transport is { } transport)
                {
                    await transport.CloseOutputAsync(linked.Token).ConfigureAwait(false);
                }

                await _readLoop.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
            {
                // Graceful close failed or took too long: abort; the read loop then finishes the shutdown.
                _transport?.Abort();
            }
        }

        return await WaitForShutdownAsync().ConfigureAwait(false);
    }

    /// <summary>Aborts the connection at once (no <c>41</c>, no close handshake) and waits until nothing is left running.</summary>
    /// <returns>A task that completes when the loops, the watchdog and the transport are gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _completion.Task.ConfigureAwait(false);
            return;
        }

        var previous = Interlocked.Exchange(ref _state, StateClosed);
        var info = new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, null, "The client disposed the connection.");
        if (previous == StateCreated)
        {
            Finish(info);
        }
        else
        {
            TrySetCloseInfo(info);
            _transport?.Abort();
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await WaitForShutdownAsync().ConfigureAwait(false);
        }

        _lifetime.Dispose();
    }

    internal static void ValidateNamespace(string @namespace)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        if (@namespace.Length == 0 || @namespace[0] != '/' || @namespace.Contains(','))
        {
            throw new ArgumentException($"A Socket.IO namespace starts with '/' and contains no ',' (for example \"/\" or \"/admin\"); got '{@namespace}'.", nameof(@namespace));
        }

        var rest = @namespace.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != System.Buffers.OperationStatus.Done)
            {
                // Not quoted: the text would print with its broken half-pair.
                throw new ArgumentException("A Socket.IO namespace must be valid Unicode; this one contains a lone UTF-16 surrogate (half of a pair).", nameof(@namespace));
            }

            rest = rest[used..];
        }
    }

    private async Task<SocketIODisconnectInfo> WaitForShutdownAsync()
    {
        // The read loop ends once the transport is aborted or closed, and it runs the shutdown itself.
        await _readLoop.ConfigureAwait(false);
        await _sendLoop.ConfigureAwait(false);
        return await _completion.Task.ConfigureAwait(false);
    }

    private async Task AbortAfterFailedConnectAsync(Exception cause)
    {
        var info = cause is SocketIOConnectException
            ? new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, cause, "A namespace was refused while connecting.")
            : new SocketIODisconnectInfo(SocketIODisconnectReason.TransportError, cause, "The connection attempt failed.");
        TrySetCloseInfo(info);
        Volatile.Write(ref _state, StateClosed);
        _transport?.Abort();
        if (_readLoop.IsCompleted && _sendLoop.IsCompleted)
        {
            // The loops never started: shut down here.
            _lifetime.Cancel();
            await ShutdownAsync(info).ConfigureAwait(false);
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await WaitForShutdownAsync().ConfigureAwait(false);
    }

    private async Task<EngineHandshake> ReadHandshakeAsync(IFrameTransport transport, CancellationToken cancellationToken)
    {
        var frame = await transport.ReceiveAsync(_options.MaxInboundMessageBytes, cancellationToken).ConfigureAwait(false);
        if (frame.Kind == FrameKind.Close)
        {
            throw new SocketIOHandshakeException($"The server closed the connection before the Engine.IO open packet ({frame.CloseStatus} {frame.CloseDescription}).");
        }

        // An open packet is small: a multi-segment first frame is not one, whatever it holds.
        var data = frame.Payload.IsSingleSegment ? frame.Payload.FirstSpan : default;
        if (frame.Kind != FrameKind.Text || data.IsEmpty || data[0] != (byte)'0')
        {
            throw new SocketIOHandshakeException("The server's first frame is not an Engine.IO open packet ('0{...}'). Check that the address points at a Socket.IO v4 server (EIO=4).");
        }

        return EngineHandshake.Parse(data[1..]);
    }

    // The server's maxPayload bounds every frame we send; a CONNECT it cannot carry would otherwise surface as an
    // ArgumentException from a send inside ConnectAsync. It is the handshake that makes the session unusable: say so.
    private void CheckNamespacesFit(EngineHandshake handshake)
    {
        var connect = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var ns in _options.Namespaces)
        {
            connect.ResetWrittenCount();
            _frames.Connect(connect, ns.Name, ns.AuthJson.Span);
            var length = connect.WrittenCount;
            if (length > handshake.MaxPayload)
            {
                throw new SocketIOHandshakeException($"The server's maxPayload of {handshake.MaxPayload} bytes is smaller than the CONNECT packet for namespace '{ns.Name}' ({length} bytes, auth object included), so the namespace cannot be joined. The server is misconfigured, or the auth object is too large for it.");
            }
        }
    }

    private void ThrowIfNotOpen(SendOperation operation)
    {
        if (_closeInfo is { } info)
        {
            throw new SocketIOConnectionClosedException(operation.ToString(), info);
        }

        var state = Volatile.Read(ref _state);
        if (state is not (StateOpen or StateConnecting))
        {
            throw state == StateCreated
                ? new InvalidOperationException($"{operation}: call ConnectAsync first.")
                : new SocketIOConnectionClosedException(operation.ToString(), new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, null, "The connection was closed."));
        }
    }

    private void ThrowIfServerLeft(string @namespace, SendOperation operation)
    {
        if (!_serverLeft.IsEmpty && _serverLeft.ContainsKey(@namespace))
        {
            throw new SocketIONamespaceDisconnectedException(operation.ToString(), @namespace);
        }
    }

    private bool TrySetCloseInfo(SocketIODisconnectInfo info) => Interlocked.CompareExchange(ref _closeInfo, info, null) is null;


    // Before the handshake there is no watchdog yet; the connect timeout bounds that phase.
    private void TouchWatchdog() => _watchdog?.Touch();

    private void OnHeartbeatExpired()
    {
        var window = _watchdog?.Window ?? TimeSpan.Zero;
        SocketIOLog.PingTimeout(_logger, window.TotalMilliseconds);
        if (TrySetCloseInfo(new SocketIODisconnectInfo(SocketIODisconnectReason.PingTimeout, null, $"No frame from the server (not even a ping) within {window.TotalMilliseconds:0} ms ({(_options.HeartbeatTimeout is null ? "pingInterval + pingTimeout" : "SocketIOOptions.HeartbeatTimeout")}): the link or the server is dead.")))
        {
            _transport?.Abort();
        }
    }

    private void OnAttachmentsLate(int missing)
    {
        var error = new SocketIOProtocolException(
            SocketIOProtocolError.AttachmentTimeout,
            $"A binary packet still waited for {missing} of its attachment(s) {_attachmentDeadline.Limit.TotalMilliseconds:0} ms after its header (SocketIOOptions.AttachmentTimeout). The server announced attachments it did not send; the connection was closed.");
        if (TrySetCloseInfo(new SocketIODisconnectInfo(SocketIODisconnectReason.ProtocolError, error, error.Message)))
        {
            _transport?.Abort();
        }
    }

    private async Task RunSendLoopAsync(IFrameTransport transport)
    {
        try
        {
            await _sendQueue.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failed send means a broken transport: end the connection; the read loop finishes the shutdown.
            if (!_lifetime.IsCancellationRequested && TrySetCloseInfo(new SocketIODisconnectInfo(SocketIODisconnectReason.TransportError, ex, $"Sending failed: {ex.Message}")))
            {
                transport.Abort();
            }
        }
    }

    private async Task RunReadLoopAsync(IFrameTransport transport)
    {
        SocketIODisconnectInfo info;
        try
        {
            while (true)
            {
                TransportFrame frame;
                try
                {
                    // While attachments are pending, only what is left of the whole-message bound may arrive.
                    frame = await transport.ReceiveAsync(_assembler.NextFrameBudget, _lifetime.Token).ConfigureAwait(false);
                }
                catch (Protocol.InboundMessageTooLargeException ex) when (_assembler.IsAwaitingAttachments)
                {
                    throw _assembler.AttachmentCutOff(ex.Received);
                }

                if (frame.Kind == FrameKind.Close)
                {
                    info = new SocketIODisconnectInfo(SocketIODisconnectReason.ServerDisconnect, null, $"The server closed the WebSocket ({Protocol.CloseStatusText.Describe(frame.CloseStatus, frame.CloseDescription)}).");
                    break;
                }

                if (!ProcessFrame(frame))
                {
                    info = _closeInfo ?? new SocketIODisconnectInfo(SocketIODisconnectReason.ServerDisconnect, null, "The server sent an Engine.IO close packet.");
                    if (_lastNamespaceLeft)
                    {
                        await CloseAfterLastNamespaceAsync(transport).ConfigureAwait(false);
                    }

                    break;
                }
            }
        }
        catch (SocketIOProtocolException ex) when (ex.InnerException is Protocol.InboundMessageTooLargeException tooLarge)
        {
            // One error for one bound, whether a single frame or a reassembled message crossed it.
            info = new SocketIODisconnectInfo(SocketIODisconnectReason.ProtocolError, tooLarge, tooLarge.Message);
        }
        catch (Exception ex) when (ex is SocketIOProtocolException or Protocol.InboundMessageTooLargeException)
        {
            info = new SocketIODisconnectInfo(SocketIODisconnectReason.ProtocolError, ex, ex.Message);
        }
        catch (Exception ex)
        {
            info = new SocketIODisconnectInfo(SocketIODisconnectReason.TransportError, ex, ex.Message);
        }

        TrySetCloseInfo(info);
        await ShutdownAsync(_closeInfo!).ConfigureAwait(false);
    }

    // The reference client closes the Engine.IO session once the server has disconnected its last namespace: let queued
    // sends go, then send the close frame (bounded by CloseTimeout); the shutdown that follows tears down the rest.
    private async Task CloseAfterLastNamespaceAsync(IFrameTransport transport)
    {
        _sendQueue.Complete();
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        try
        {
            await _sendLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
            await _sendQueue.WaitForWriterAsync(timeout.Token).ConfigureAwait(false);
            await transport.CloseOutputAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // The shutdown aborts the transport anyway.
        }
    }

    private async Task ShutdownAsync(SocketIODisconnectInfo info)
    {
        Volatile.Write(ref _state, StateClosed);
        _watchdog?.Dispose();
        _attachmentDeadline.Dispose();
        _sendQueue.Complete();
        if (info.Reason != SocketIODisconnectReason.ClientDisconnect || info.Exception is not null)
        {
            _transport?.Abort();
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _sendLoop.ConfigureAwait(false);
        var closed = new SocketIOConnectionClosedException("The operation", info);
        _sendQueue.FailPending(closed);
        foreach (var pending in _pendingAcks.Values)
        {
            pending.TryFail(new SocketIOConnectionClosedException($"Waiting for the ack of '{pending.EventName}'", info));
        }

        foreach (var entry in _namespaces.Values)
        {
            entry.MarkDisconnected();
            entry.Connected.TrySetException(new SocketIOConnectionClosedException($"Connecting namespace '{entry.Name}'", info));
        }

        _assembler.Dispose();
        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }

        Finish(info);
    }

    private void Finish(SocketIODisconnectInfo info)
    {
        if (!_completion.TrySetResult(info))
        {
            return;
        }

        SocketIOLog.Closed(_logger, info.Exception, info.Reason, info.Description);
        try
        {
            Disconnected?.Invoke(info);
        }
        catch (Exception ex)
        {
            SocketIOLog.DisconnectedHandlerFailed(_logger, ex);
        }
    }
}
