using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Protocol.SocketIO;
using Protocol.Server.Sessions;
using Protocol.SocketIO.EngineIO;
using Protocol.Infrastructure;

namespace Protocol.Server.SocketIO;

// One Engine.IO session on one WebSocket: the handshake, the ping cycle, the receive loop (Engine.IO and Socket.IO
// decoding, two-step reassembly, acks completed where they arrive), the handler task (connects, events and leaves in the
// client's order) and the one writer.
internal sealed class SocketIOServerSession : IAsyncDisposable
{
    private static readonly OutboundFrame PingFrame = OutboundFrame.Constant("2"u8, new SendOperation("Pinging the client"));

    private readonly SocketIOServer _server;
    private readonly SocketIOServerOptions _options;
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop;
    private readonly FrameSendQueue _sendQueue;
    private readonly WebSocketMessageReader _reader;
    private readonly SocketIOMessageAssembler _assembler;
    private readonly SocketIOPacketEncoder _encoder;
    private readonly Lock _encoderGate = new();
    private readonly Channel<InboundPacket> _inbox;
    private readonly ConcurrentDictionary<string, SocketIOServerSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly Lock _pingGate = new();
    private readonly ITimer _pingTimer;
    private readonly ITimer _connectTimer;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SessionLifetime _lifetime;
    private readonly TimeProvider _connectionClock;

    // Cancelled as the session ends, for any reason: what an authorizer is given (no socket exists yet to carry a
    // DisconnectedToken). Callbacks off the thread that ended it, failures logged (see EndSignal).
    private readonly EndSignal _ending;
    private Task _sending = Task.CompletedTask;

    // The socket whose connection handlers run now (the handler task runs one join at a time), so that its leave, which
    // waits for them, is announced even when the drain abandons them.
    private SocketIOServerSocket? _joining;
    private bool _awaitingPong;
    private long _nextAckId = -1;
    private int _reason = -1;
    private volatile bool _aborting;
    private volatile bool _stalled;

    public SocketIOServerSession(SocketIOServer server, WebSocket socket, CancellationToken lifetime)
    {
        _server = server;
        _options = server.Options;
        _socket = socket;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        Id = NewId();
        _logger = _options.LoggerFactory.CreateLogger("Protocol.Server.SocketIO");
        var codec = _options.CodecOptions();
        _encoder = new SocketIOPacketEncoder(codec);
        _assembler = new SocketIOMessageAssembler(codec);
        _reader = new WebSocketMessageReader(socket, codec.MaxMessageBytes);
        _connectionClock = _options.ConnectionClock;
        _sendQueue = new FrameSendQueue(_options.SendQueueCapacity, _options.SendQueueTimeout, _connectionClock, new ServerFrameWriter(socket, "session " + Id), _stop.Token);
        _inbox = Channel.CreateBounded<InboundPacket>(new BoundedChannelOptions(_options.HandlerQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        _pingTimer = _connectionClock.CreateTimer(static s => ((SocketIOServerSession)s!).OnPingTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _connectTimer = _connectionClock.CreateTimer(static s => ((SocketIOServerSession)s!).OnConnectTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _lifetime = new SessionLifetime(ReleaseResources);
        _ending = new EndSignal(error => ReportHandlerFailure(error, "authorize"));
    }

    public string Id { get; }

    public TimeProvider TimeProvider => _options.TimeProvider;

    public Task Completion => _completion.Task;

    public long NextAckId() => Interlocked.Increment(ref _nextAckId);

    public bool IsStalled => _stalled;

    // A network failure as the client sees it: no close frame. Safe at any point of the session's life, from any thread:
    // once over it does nothing, and a session already ending (a close waiting for the client's answer, a timeout) is
    // dropped at once instead of being waited for.
    public void Abort()
    {
        if (!_lifetime.TryEnter())
        {
            return; // over: its socket is closed and its resources released
        }

        try
        {
            // The reason is claimed before the abort: the receive loop wakes on the dead socket and would call it a close.
            var first = Claim(SocketIOServerDisconnectReason.ServerAbort);
            _aborting = true;
            if (first)
            {
                Ended(SocketIOServerDisconnectReason.ServerAbort);
            }
            else if (!Completion.IsCompleted)
            {
                // Already ending (a close waiting for the client's answer, a timeout): stop waiting.
                _socket.Abort();
                _stop.Cancel();
            }
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    // Half-open: nothing goes out any more and nothing that comes in is acted on; the ping timeout stops with the pings.
    public void Stall()
    {
        _stalled = true;
        if (!_lifetime.TryEnter())
        {
            return;
        }

        try
        {
            lock (_pingGate)
            {
                _pingTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            _connectTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    public async Task RunAsync()
    {
        var handling = Task.CompletedTask;
        try
        {
            // The open packet is the first frame, before the writer runs: nothing can overtake it.
            var open = _sendQueue.Rent();
            open.BeginOwned(true, default, new SendOperation("Opening the session"));
            open.Write(OpenPacket());
            var opened = _sendQueue.SendAsync(open, _stop.Token);
            _sending = _sendQueue.RunAsync();
            await opened.ConfigureAwait(false);
            SocketIOServerLog.SessionOpened(_logger, Id);
            handling = HandleAsync();
            _pingTimer.Change(_options.PingInterval, Timeout.InfiniteTimeSpan);
            _connectTimer.Change(_options.ConnectTimeout, Timeout.InfiniteTimeSpan);
            await ReceiveAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session's stop, or the socket aborted under the receive: Kestrel says so with a
            // ConnectionAbortedException, which an abort from another thread can raise before the stop is requested.
            End(_server.IsShuttingDown ? SocketIOServerDisconnectReason.ServerShutdown : SocketIOServerDisconnectReason.TransportClosed);
        }
        catch (Exception error) when (error is SocketIOProtocolException or InboundMessageTooLargeException or SocketIOEncodingException)
        {
            SocketIOServerLog.ProtocolError(_logger, error, Id);
            End(SocketIOServerDisconnectReason.ProtocolError);
        }
        catch (Exception error) when (error is WebSocketException or ConnectionLostException or IOException)
        {
            End(SocketIOServerDisconnectReason.TransportClosed);
        }
        finally
        {
            End(SocketIOServerDisconnectReason.TransportClosed);

            // Whoever claimed the end may still be on its way through it on another thread: every socket has left
            // before the session counts as over (which also cancels their DisconnectedToken for the running handler).
            var reason = (SocketIOServerDisconnectReason)Volatile.Read(ref _reason);
            LeaveAll(reason);
            _inbox.Writer.TryComplete();
            await DrainHandlersAsync(handling).ConfigureAwait(false);

            // A join the handler task registered while the session ended leaves too.
            LeaveAll(reason);

            // A leave that waited for connection handlers the drain abandoned is announced now (as the JSON-action
            // session's Closed is); the handlers, should they return, announce nothing twice.
            Interlocked.Exchange(ref _joining, null)?.ConnectionHandlersDone();
            await ServerSocketClosing.FinishAsync(_socket, CloseStatus, _sendQueue, _sending, _stop, _options.PingTimeout, _connectionClock).ConfigureAwait(false);
            SocketIOServerLog.SessionClosed(_logger, Id, (SocketIOServerDisconnectReason)_reason);
            _completion.TrySetResult();
        }
    }

    // The timers and the stop go when the last caller that reached in from another thread is done with them.
    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _assembler.Dispose();
        _lifetime.OwnerExit();
        return ValueTask.CompletedTask;
    }

    public ValueTask SendEventAsync(string @namespace, string eventName, long? ackId, string argumentsJson, IReadOnlyList<ReadOnlyMemory<byte>>? attachments, CancellationToken cancellationToken)
    {
        if (_stalled)
        {
            return ValueTask.CompletedTask; // lost on the way, as on a half-open connection
        }

        var parts = ToMemory(attachments);
        var frame = Encode(
            new SendOperation("Emitting '{0}'", eventName),
            parts,
            (Namespace: Encoding.UTF8.GetBytes(@namespace), Name: Encoding.UTF8.GetBytes(eventName), AckId: ackId, Arguments: Encoding.UTF8.GetBytes(argumentsJson), Attachments: parts.Length),
            static (encoder, frame, e) =>
            {
                if (e.Attachments == 0)
                {
                    encoder.WriteEvent(frame, e.Namespace, e.Name, e.AckId, e.Arguments);
                }
                else
                {
                    encoder.WriteBinaryEvent(frame, e.Namespace, e.Name, e.AckId, e.Attachments, e.Arguments);
                }
            });
        return _sendQueue.SendAsync(frame, cancellationToken);
    }

    public ValueTask SendAckAsync(string @namespace, long ackId, string argumentsJson, IReadOnlyList<ReadOnlyMemory<byte>>? attachments, CancellationToken cancellationToken)
    {
        if (_stalled)
        {
            return ValueTask.CompletedTask;
        }

        var parts = ToMemory(attachments);
        var frame = Encode(
            new SendOperation("Answering ack {1}", null, ackId),
            parts,
            (Namespace: Encoding.UTF8.GetBytes(@namespace), AckId: ackId, Arguments: Encoding.UTF8.GetBytes(argumentsJson), Attachments: parts.Length),
            static (encoder, frame, a) =>
            {
                if (a.Attachments == 0)
                {
                    encoder.WriteAck(frame, a.Namespace, a.AckId, a.Arguments);
                }
                else
                {
                    encoder.WriteBinaryAck(frame, a.Namespace, a.AckId, a.Attachments, a.Arguments);
                }
            });
        return _sendQueue.SendAsync(frame, cancellationToken);
    }

    public async ValueTask DisconnectSocketAsync(SocketIOServerSocket socket, bool closeSession)
    {
        if (Leave(socket, SocketIOServerDisconnectReason.ServerDisconnect) && !_stalled)
        {
            var frame = Encode(
                new SendOperation("Disconnecting '{0}'", socket.Namespace),
                default,
                Encoding.UTF8.GetBytes(socket.Namespace),
                static (encoder, frame, nsp) => encoder.WriteDisconnect(frame, nsp));

            try
            {
                await _sendQueue.SendAsync(frame, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ConnectionLostException)
            {
                // The session is closing anyway: the client learns of it from the close.
            }
        }

        if (closeSession && _lifetime.TryEnter())
        {
            try
            {
                End(SocketIOServerDisconnectReason.ServerDisconnect);
            }
            finally
            {
                _lifetime.Exit();
            }
        }
    }

    public void ReportHandlerFailure(Exception error, string stage) => SocketIOServerLog.HandlerFailed(_logger, error, stage, Id);

    // Rents a frame and encodes one packet into it under the encoder's gate, ready to send. A packet the encoder refuses
    // (one over maxPayload) gives its frame back instead of leaking it, and the refusal goes on to the caller.
    private OutboundFrame Encode<TState>(SendOperation operation, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments, TState state, Action<SocketIOPacketEncoder, OutboundFrame, TState> write)
    {
        var frame = _sendQueue.Rent();
        frame.BeginOwned(true, attachments, operation);
        try
        {
            lock (_encoderGate)
            {
                write(_encoder, frame, state);
            }
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        return frame;
    }

    private static ReadOnlyMemory<ReadOnlyMemory<byte>> ToMemory(IReadOnlyList<ReadOnlyMemory<byte>>? attachments) => attachments switch
    {
        null => default,
        ReadOnlyMemory<byte>[] array => array,
        _ => attachments.ToArray(),
    };

    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    private byte[] OpenPacket()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        buffer.Write("0"u8);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sid", Id);
            json.WriteStartArray("upgrades");
            json.WriteEndArray();
            json.WriteNumber("pingInterval", (long)_options.PingInterval.TotalMilliseconds);
            json.WriteNumber("pingTimeout", (long)_options.PingTimeout.TotalMilliseconds);
            json.WriteNumber("maxPayload", _options.MaxPayload);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task ReceiveAsync()
    {
        while (true)
        {
            var message = await _reader.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            if (_stalled)
            {
                // Read only to notice the end; a half-open server never answers a close.
                if (message.Type == WebSocketMessageType.Close)
                {
                    Abort();
                    return;
                }

                continue;
            }

            if (message.Type == WebSocketMessageType.Close)
            {
                End(SocketIOServerDisconnectReason.TransportClosed);
                return;
            }

            // The server side copies a segmented message once (the codec works on spans).
            var payload = message.Payload;
            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            var packet = Process(bytes, message.Type == WebSocketMessageType.Binary, out var closed);
            if (closed)
            {
                End(SocketIOServerDisconnectReason.TransportClosed);
                return;
            }

            if (packet is not null)
            {
                await _inbox.Writer.WriteAsync(packet, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    // Decodes one frame on the receive loop: pongs and acks are handled here, packets for the application are copied out.
    private InboundPacket? Process(ReadOnlySpan<byte> bytes, bool isBinary, out bool closed)
    {
        closed = false;
        var packet = EngineIOPacketDecoder.Decode(bytes, isBinary, _options.MaxPayload);
        if (isBinary)
        {
            return _assembler.ReceiveBinary(packet.Data, out var assembled) ? Take(assembled) : null;
        }

        switch (packet.Type)
        {
            case EngineIOPacketType.Pong:
                OnPong();
                return null;
            case EngineIOPacketType.Ping:
                if (!_stalled)
                {
                    _sendQueue.TryEnqueue(PongFrame);
                }

                return null;
            case EngineIOPacketType.Message:
                return _assembler.ReceiveText(packet.Data, out var message) ? Take(message) : null;
            case EngineIOPacketType.Close:
                closed = true;
                return null;
            case EngineIOPacketType.Open:
                throw new SocketIOProtocolException(SocketIOProtocolError.UnknownPacketType, "A client sent an Engine.IO open packet; only the server opens a session.");
            default:
                return null;
        }
    }

    private static OutboundFrame PongFrame { get; } = OutboundFrame.Constant("3"u8, new SendOperation("Answering the client's ping"));

    private InboundPacket? Take(SocketIOMessage message)
    {
        var nsp = Encoding.UTF8.GetString(message.Namespace);
        switch (message.Type)
        {
            case SocketIOPacketType.Connect:
                JsonElement? auth = null;
                if (!message.Payload.IsEmpty)
                {
                    using var document = JsonDocument.Parse(message.Payload.ToArray());
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new SocketIOProtocolException(SocketIOProtocolError.InvalidPayload, "A CONNECT's auth payload must be a JSON object.");
                    }

                    auth = document.RootElement.Clone();
                }

                return new InboundPacket { Type = SocketIOPacketType.Connect, Namespace = nsp, Auth = auth };
            case SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent:
                return new InboundPacket
                {
                    Type = SocketIOPacketType.Event,
                    Namespace = nsp,
                    EventName = message.Packet.GetEventNameString() ?? "",
                    AckId = message.AckId,
                    Arguments = Arguments(message.Payload, skipName: true),
                    Attachments = Attachments(message),
                };
            case SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck:
                // Completed here, not behind the handlers: a handler may itself be waiting for this answer.
                if (_sockets.TryGetValue(nsp, out var socket) && message.AckId is { } id)
                {
                    socket.CompleteAck(id, new SocketIOServerAck(Arguments(message.Payload, skipName: false), Attachments(message)));
                }

                return null;
            case SocketIOPacketType.Disconnect:
                return new InboundPacket { Type = SocketIOPacketType.Disconnect, Namespace = nsp };
            default:
                throw new SocketIOProtocolException(SocketIOProtocolError.UnknownPacketType, $"A client sent {message.Type}, which only a server sends.");
        }
    }

    private static IReadOnlyList<JsonElement> Arguments(ReadOnlySpan<byte> payload, bool skipName)
    {
        if (payload.IsEmpty)
        {
            return [];
        }

        using var document = JsonDocument.Parse(payload.ToArray());
        var all = document.RootElement;
        var arguments = new List<JsonElement>(Math.Max(0, all.GetArrayLength() - (skipName ? 1 : 0)));
        foreach (var element in all.EnumerateArray().Skip(skipName ? 1 : 0))
        {
            arguments.Add(element.Clone());
        }

        return arguments;
    }

    private static IReadOnlyList<ReadOnlyMemory<byte>> Attachments(SocketIOMessage message)
    {
        if (message.AttachmentCount == 0)
        {
            return [];
        }

        var attachments = new ReadOnlyMemory<byte>[message.AttachmentCount];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = message.GetAttachment(i).ToArray();
        }

        return attachments;
    }

    // The sockets' DisconnectedToken has told the running handler that the session ended; one that ignores it gets
    // HandlerDrainTimeout (on the connection's clock, like the close's own wait), then is abandoned: a handler that never
    // returns must not hold the WebSocket, the request and the server's shutdown for ever.
    private async Task DrainHandlersAsync(Task handling)
    {
        if (!await HandlerDrain.WaitAsync(handling, _options.HandlerDrainTimeout, _connectionClock, HandlingEnded).ConfigureAwait(false))
        {
            SocketIOServerLog.HandlerAbandoned(_logger, Id, _options.HandlerDrainTimeout);
        }
    }

    // The handler task catches every packet's failure itself (see HandleAsync); what could still escape it is a failure
    // of that catching (a logger that throws). Observed so that it is logged rather than left unobserved.
    private void HandlingEnded(Task handling)
    {
        if (handling.Exception is { } error)
        {
            SocketIOServerLog.HandlingFailed(_logger, error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error, Id);
        }
    }

    // The handler task: the application's code, one packet at a time in the client's order. A packet's failure never
    // ends the loop; one that leaves the session untrustworthy ends the session instead, so the client is never left on a
    // session whose packets nobody handles.
    private async Task HandleAsync()
    {
        try
        {
            await foreach (var packet in _inbox.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (_stop.IsCancellationRequested || Volatile.Read(ref _reason) >= 0 || _stalled)
                {
                    continue;
                }

                try
                {
                    await HandlePacketAsync(packet).ConfigureAwait(false);
                }
                catch (Exception error) when (error is ConnectionLostException or SocketIOSocketDisconnectedException)
                {
                    // The client went away while its packet was handled (the session ends on that): nothing left to answer.
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested || Volatile.Read(ref _reason) >= 0)
                {
                    // The session ended while a join was answered: nothing left to answer either.
                }
                catch (SendQueueFullException error)
                {
                    // Only a join's own answer sends from here (handlers' sends fail in the handler), and the client has
                    // not taken a frame for SendQueueTimeout: it never learns whether it joined, and an accepted socket
                    // would sit on the namespace unknown to it. Ended rather than continued: the two sides disagree, and
                    // every later answer would wait on the same full queue. Ended first, so a failing log cannot skip it.
                    EndFromHandlerTask(SocketIOServerDisconnectReason.SendQueueFull);
                    SocketIOServerLog.JoinUnanswered(_logger, error, Id, packet.Namespace);
                }
                catch (Exception error)
                {
                    // Authorizers' and handlers' failures are caught where they run: this is the server's own code failing
                    // (or an answer it cannot encode), so the session's state is no longer known good. Ended rather than
                    // continued with a log.
                    EndFromHandlerTask(SocketIOServerDisconnectReason.ServerError);
                    SocketIOServerLog.HandlingFailed(_logger, error, Id);
                }
            }
        }
        finally
        {
            // The inbox completes only once the session ended; should the loop ever stop before, the session goes with it.
            EndFromHandlerTask(SocketIOServerDisconnectReason.ServerError);
        }
    }

    private async Task HandlePacketAsync(InboundPacket packet)
    {
        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                await ConnectAsync(packet).ConfigureAwait(false);
                break;
            case SocketIOPacketType.Event:
                await DispatchAsync(packet).ConfigureAwait(false);
                break;
            case SocketIOPacketType.Disconnect:
                if (_sockets.TryGetValue(packet.Namespace, out var leaving))
                {
                    Leave(leaving, SocketIOServerDisconnectReason.ClientLeft);
                }

                break;
        }
    }

    // An end the handler task decides, under a lease of its own: it may run on after the session let go of its timers
    // (abandoned by the drain), when the session has long ended and there is nothing left to do.
    private void EndFromHandlerTask(SocketIOServerDisconnectReason reason)
    {
        if (!_lifetime.TryEnter())
        {
            return;
        }

        try
        {
            End(reason);
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    private async Task ConnectAsync(InboundPacket packet)
    {
        if (_sockets.ContainsKey(packet.Namespace))
        {
            // Already on it: socket.io answers a second CONNECT of a joined namespace with nothing new.
            return;
        }

        if (!_server.TryGetNamespace(packet.Namespace, out var ns))
        {
            await SendConnectErrorAsync(packet.Namespace, "Invalid namespace").ConfigureAwait(false);
            return;
        }

        SocketIOConnectDecision decision;
        try
        {
            decision = await ns.AuthorizeAsync(new SocketIOConnectRequest(Id, packet.Namespace, packet.Auth, _ending.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ending.Token.IsCancellationRequested)
        {
            // The authorizer stopped because the session ended, as its request's token asked: not a failure, and nobody
            // to answer.
            return;
        }
        catch (Exception error)
        {
            ReportHandlerFailure(error, "authorize");
            decision = SocketIOConnectDecision.Reject("Not authorized");
        }

        if (Volatile.Read(ref _reason) >= 0)
        {
            // The session ended while the authorizer decided (it may have been abandoned meanwhile): nobody to answer.
            return;
        }

        if (!decision.IsAccepted)
        {
            SocketIOServerLog.Refused(_logger, Id, packet.Namespace);
            await SendConnectErrorAsync(packet.Namespace, decision.Error!).ConfigureAwait(false);
            return;
        }

        var socket = new SocketIOServerSocket(this, packet.Namespace, NewId(), packet.Auth);
        // On the namespace before it can leave: a leave takes it off (see Leave).
        ns.Add(socket);
        _sockets[packet.Namespace] = socket;
        if (Volatile.Read(ref _reason) is var ended and >= 0)
        {
            // The session ended as the socket was registered, perhaps after its LeaveAll: it leaves at once.
            Leave(socket, (SocketIOServerDisconnectReason)ended);
            socket.ConnectionHandlersDone();
            return;
        }

        _connectTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Volatile.Write(ref _joining, socket);
        try
        {
            var frame = Encode(
                new SendOperation("Connecting '{0}'", packet.Namespace),
                default,
                (Namespace: Encoding.UTF8.GetBytes(packet.Namespace), Auth: Encoding.UTF8.GetBytes($$"""{"sid":"{{socket.Id}}"}""")),
                static (encoder, frame, c) => encoder.WriteConnect(frame, c.Namespace, c.Auth));

            await _sendQueue.SendAsync(frame, _stop.Token).ConfigureAwait(false);
            SocketIOServerLog.Joined(_logger, Id, packet.Namespace, socket.Id);
            foreach (var onConnection in ns.ConnectionHandlers)
            {
                try
                {
                    await onConnection(socket).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (socket.DisconnectedToken.IsCancellationRequested)
                {
                    // The handler stopped because the socket left, as its DisconnectedToken asked: not a failure.
                }
                catch (Exception error)
                {
                    // One handler's failure is its own: the others still set the socket up.
                    ReportHandlerFailure(error, "connection");
                }
            }
        }
        finally
        {
            // A leave during the handlers (or before them, if the answer never went out) is announced now.
            Interlocked.CompareExchange(ref _joining, null, socket);
            socket.ConnectionHandlersDone();
        }
    }

    private async Task DispatchAsync(InboundPacket packet)
    {
        if (!_sockets.TryGetValue(packet.Namespace, out var socket))
        {
            // An event for a namespace the client has not joined is ignored, as socket.io does.
            return;
        }

        var handler = socket.FindHandler(packet.EventName!);
        if (handler is null)
        {
            SocketIOServerLog.Unhandled(_logger, Id, packet.Namespace);
            return;
        }

        try
        {
            await handler(new SocketIOServerEvent(socket, packet.EventName!, packet.Arguments, packet.Attachments, packet.AckId)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (socket.DisconnectedToken.IsCancellationRequested)
        {
            // The handler stopped because the socket left, as its token asked: not a failure.
        }
        catch (Exception error) when (error is not (ConnectionLostException or SocketIOSocketDisconnectedException))
        {
            ReportHandlerFailure(error, "event");
        }
    }

    private async Task SendConnectErrorAsync(string @namespace, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        var frame = Encode(
            new SendOperation("Refusing '{0}'", @namespace),
            default,
            (Namespace: Encoding.UTF8.GetBytes(@namespace), Error: buffer.WrittenMemory),
            static (encoder, frame, r) => encoder.WriteConnectError(frame, r.Namespace, r.Error.Span));

        await _sendQueue.SendAsync(frame, _stop.Token).ConfigureAwait(false);
    }

    private bool Leave(SocketIOServerSocket socket, SocketIOServerDisconnectReason reason)
    {
        if (!_sockets.TryRemove(new KeyValuePair<string, SocketIOServerSocket>(socket.Namespace, socket)))
        {
            return false;
        }

        // Off the namespace as it leaves, not when the leave is announced: that waits for the connection handlers, and
        // one of them may never return.
        if (_server.TryGetNamespace(socket.Namespace, out var ns))
        {
            ns.Remove(socket);
        }

        return socket.MarkDisconnected(reason);
    }

    // Ends the session once: every socket leaves with the reason, the receive loop and the handler task stop.
    private void End(SocketIOServerDisconnectReason reason)
    {
        if (Claim(reason))
        {
            Ended(reason);
        }
    }

    private bool Claim(SocketIOServerDisconnectReason reason) => Interlocked.CompareExchange(ref _reason, (int)reason, -1) == -1;

    // Runs under a lease (the session's own, or the caller's from another thread): the timers and the stop are there.
    private void Ended(SocketIOServerDisconnectReason reason)
    {
        _pingTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _connectTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        LeaveAll(reason);
        _ending.Signal();

        if (_stalled || _aborting)
        {
            // A half-open or aborted session ends without a word, no close frame.
            _socket.Abort();
            _stop.Cancel();
            return;
        }

        if (reason is SocketIOServerDisconnectReason.ServerDisconnect or SocketIOServerDisconnectReason.ServerError)
        {
            // What is queued goes out before the close frame (1011 for a server error, which the client can tell from a
            // network failure); cancelling the receive would abort the WebSocket instead.
            _ = CloseGracefullyAsync();
            return;
        }

        _stop.Cancel();
    }

    private void LeaveAll(SocketIOServerDisconnectReason reason)
    {
        foreach (var socket in _sockets.Values)
        {
            Leave(socket, reason);
        }
    }

    // Pings are not waited for here: a client that does not answer the close is stopped after pingTimeout.
    private Task CloseGracefullyAsync()
        => ServerSocketClosing.CloseGracefullyAsync(_socket, _sendQueue, _sending, Completion, StopIfRunning, _options.PingTimeout, _connectionClock, status: CloseStatus);

    // The graceful close may end after the session did (its client answered the close): then there is nothing to stop.
    private void StopIfRunning() => _lifetime.CancelIfAlive(_stop);

    private void ReleaseResources()
    {
        _pingTimer.Dispose();
        _connectTimer.Dispose();
        _stop.Dispose();
    }

    private void OnPingTimer()
    {
        // A callback already on its way when the timer was released finds nothing to do.
        if (!_lifetime.TryEnter())
        {
            return;
        }

        try
        {
            lock (_pingGate)
            {
                if (_stalled)
                {
                    return;
                }

                if (_awaitingPong)
                {
                    // No pong within pingTimeout: the client is gone (engine.io's "ping timeout").
                    End(SocketIOServerDisconnectReason.PingTimeout);
                    return;
                }

                _awaitingPong = true;
                _pingTimer.Change(_options.PingTimeout, Timeout.InfiniteTimeSpan);
            }

            _sendQueue.TryEnqueue(PingFrame);
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    private void OnPong()
    {
        lock (_pingGate)
        {
            if (!_awaitingPong)
            {
                return;
            }

            // The next ping goes pingInterval after this pong, as engine.io schedules it.
            _awaitingPong = false;
            _pingTimer.Change(_options.PingInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnConnectTimeout()
    {
        if (!_lifetime.TryEnter())
        {
            return;
        }

        try
        {
            if (_sockets.IsEmpty)
            {
                End(SocketIOServerDisconnectReason.TransportClosed);
            }
        }
        finally
        {
            _lifetime.Exit();
        }
    }

    // How the WebSocket's close says the session ended.
    private WebSocketCloseStatus CloseStatus => (SocketIOServerDisconnectReason)Volatile.Read(ref _reason) switch
    {
        SocketIOServerDisconnectReason.ProtocolError => WebSocketCloseStatus.ProtocolError,
        SocketIOServerDisconnectReason.ServerError => WebSocketCloseStatus.InternalServerError,
        _ => WebSocketCloseStatus.NormalClosure,
    };
}
